namespace FakeAws.Wire;

/// <summary>An error answer in the service's own shape (code, message, HTTP status).</summary>
public sealed class AwsException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    /// <summary>Extra S3 error members (BucketName, Region, Endpoint) and response headers.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static AwsException AccessDenied(ServiceInfo service, string operation, string principal, string? resource) => service.Protocol switch
    {
        Protocol.Ec2 => new("UnauthorizedOperation", $"You are not authorized to perform this operation. User: {principal} is not authorized to perform: ec2:{operation}", 403),
        Protocol.Query when service.SigningName is "sns" => new("AuthorizationError", $"User: {principal} is not authorized to perform: sns:{operation}", 403),
        Protocol.Query => new("AccessDenied", $"User: {principal} is not authorized to perform: {service.ActionPrefix}:{operation}" + (resource is null ? "" : $" on resource: {resource}"), 403),
        Protocol.RestXml => new("AccessDenied", "Access Denied", 403),
        _ => new("AccessDeniedException", $"User: {principal} is not authorized to perform: {service.ActionPrefix}:{operation}" + (resource is null ? "" : $" on resource: {resource}"), service.Protocol == Protocol.RestJson ? 403 : 400),
    };

    public static AwsException Throttled(ServiceInfo service) => new(service.ThrottleCode, "Rate exceeded", service.ThrottleStatus);

    /// <summary>What AWS answers when the access key is unknown, or valid but used in an opt-in region that is not enabled.</summary>
    public static AwsException UnknownKey(ServiceInfo service) => service.Protocol switch
    {
        Protocol.Ec2 => new("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
        Protocol.Query => new("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
        Protocol.RestXml => new("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        _ => new("UnrecognizedClientException", "The security token included in the request is invalid.", service.Protocol == Protocol.RestJson ? 403 : 400),
    };

    public static AwsException BadSignature(ServiceInfo service) => service.Protocol switch
    {
        Protocol.Ec2 => new("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
        Protocol.Query or Protocol.RestXml => new("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", 403),
        _ => new("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", service.Protocol == Protocol.RestJson ? 403 : 400),
    };

    public static AwsException Validation(ServiceInfo service, string message) => service.Protocol switch
    {
        Protocol.Query or Protocol.Ec2 => new(service.Protocol == Protocol.Ec2 ? "InvalidParameterValue" : "ValidationError", message),
        Protocol.RestXml => new("InvalidArgument", message),
        _ => new("ValidationException", message),
    };
}
