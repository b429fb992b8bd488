using System.Net;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
using Amazon.SecurityToken;
using Amazon.Util;

namespace Dashboard.Aws.Pipeline;

// The SDK-pipeline adapter (aws-wire-notes.md, option a). It relies on public types in Amazon.Runtime.Internal*,
// which AWS may change: AWSSDK.Core is pinned and everything that touches those types lives in this file.

/// <summary>
/// A ClientConfig for a service without a generated package. Setting <see cref="ClientConfig.ServiceId"/> is what
/// makes the SDK honour AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_&lt;SERVICE&gt; and the config file's endpoint_url and
/// services sections, exactly as the generated clients do.
/// </summary>
public sealed class GenericClientConfig : ClientConfig
{
    // Any generated service's default-configuration table gives the SDK's standard modes; STS is referenced anyway.
    public GenericClientConfig(AwsService service)
        : base(new DefaultConfigurationProvider(AmazonSecurityTokenServiceDefaultConfiguration.GetAllConfigurations()))
    {
        Service = service;
        ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new GenericEndpointProvider(this);
    }

    public AwsService Service { get; }

    /// <summary>The region requests are signed for (the global region for IAM, Organizations and Account).</summary>
    public string SigningRegion { get; set; } = "us-east-1";

    public override string ServiceVersion => Service.ApiVersion;
    public override string UserAgent => "dashboard-generic-client";
    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        EndpointProvider.ResolveEndpoint(new EndpointParameters());

    /// <summary>The configured endpoint (explicit ServiceURL, environment or shared config) or null.</summary>
    public string? ConfiguredEndpoint => ServiceURL;
}

internal sealed class GenericEndpointProvider(GenericClientConfig config) : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        var url = config.ConfiguredEndpoint ?? config.Service.DefaultEndpoint(config.SigningRegion);

        // Signing name and region travel in authSchemes, as generated endpoint rules do it.
        var attributes = JsonSerializer.Serialize(new
        {
            authSchemes = new[]
            {
                new { name = "sigv4", signingName = config.Service.SigningName, signingRegion = config.SigningRegion, disableDoubleEncoding = config.Service.SigningName == "s3" },
            },
        });
        return new Endpoint(url.TrimEnd('/'), attributes, "{}");
    }
}

internal sealed class GenericEndpointResolver : BaseEndpointResolver
{
    public override Endpoint GetEndpoint(IExecutionContext executionContext) =>
        executionContext.RequestContext.ClientConfig.EndpointProvider.ResolveEndpoint(new EndpointParameters());

    protected override void ServiceSpecificHandler(IExecutionContext executionContext, EndpointParameters parameters) =>
        InjectHostPrefix(executionContext.RequestContext);
}

internal sealed class SigV4OnlyAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}

/// <summary>The request object the pipeline carries: the service and the protocol-neutral operation.</summary>
internal sealed class GenericRequest(AwsService service, AwsOperation operation) : AmazonWebServiceRequest
{
    public AwsService Service { get; } = service;
    public AwsOperation Operation { get; } = operation;
}

internal sealed class GenericResponse : AmazonWebServiceResponse
{
    public byte[] Body { get; init; } = [];
}

/// <summary>One marshaller for every protocol: query, JSON 1.1, REST-JSON and REST-XML (GET only).</summary>
internal sealed class GenericMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly GenericMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var generic = (GenericRequest)input;
        var (service, operation) = (generic.Service, generic.Operation);
        var request = new DefaultRequest(input, "Amazon." + service.ServiceId.Replace(" ", "", StringComparison.Ordinal));
        foreach (var (name, value) in operation.Headers)
        {
            request.Headers[name] = value;
        }

        switch (service.Protocol)
        {
            case AwsProtocol.Query:
                request.HttpMethod = "POST";
                request.ResourcePath = "/";
                request.Parameters["Action"] = operation.Name;
                request.Parameters["Version"] = service.ApiVersion;
                foreach (var (name, value) in operation.Parameters)
                {
                    request.Parameters[name] = value;
                }

                request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
                request.ContentStream = AWSSDKUtils.WriteParametersToPooledStream(request);
                break;

            case AwsProtocol.Json11:
                request.HttpMethod = "POST";
                request.ResourcePath = "/";
                request.Headers["X-Amz-Target"] = $"{service.TargetPrefix}.{operation.Name}";
                request.Headers["Content-Type"] = "application/x-amz-json-1.1";
                request.Content = Encoding.UTF8.GetBytes(operation.Body?.ToJsonString() ?? "{}");
                break;

            case AwsProtocol.RestJson:
            case AwsProtocol.RestXml:
                request.HttpMethod = operation.Method;
                request.ResourcePath = operation.Path;
                foreach (var (label, value) in operation.PathLabels)
                {
                    request.AddPathResource("{" + label + "}", value);
                }

                foreach (var (name, value) in operation.Parameters)
                {
                    request.Parameters[name] = value;
                }

                request.UseQueryString = true;
                if (operation.Body is not null)
                {
                    request.Headers["Content-Type"] = "application/json";
                    request.Content = Encoding.UTF8.GetBytes(operation.Body.ToJsonString());
                }

                break;
        }

        if (operation.HostPrefix is not null)
        {
            request.HostPrefix = operation.HostPrefix;
        }

        return request;
    }
}

internal static class ResponseBody
{
    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

/// <summary>Keeps the XML body as bytes; errors go through the SDK's own XML error parser (query and REST-XML shapes).</summary>
internal sealed class GenericXmlUnmarshaller : XmlResponseUnmarshaller
{
    public static readonly GenericXmlUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext input) =>
        new GenericResponse { Body = ResponseBody.ReadAll(input.Stream) };

    public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(input);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}

/// <summary>Keeps the JSON body as bytes; errors go through the SDK's JSON error parser (__type, x-amzn-ErrorType).</summary>
internal sealed class GenericJsonUnmarshaller : JsonResponseUnmarshaller
{
    public static readonly GenericJsonUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input) =>
        new GenericResponse { Body = ResponseBody.ReadAll(input.Stream) };

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var reader = new StreamingUtf8JsonReader(input.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(input, ref reader);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}

/// <summary>An AmazonServiceClient for one service and region: SigV4, retries, clock skew and endpoints come from the SDK.</summary>
internal sealed class GenericAwsClient : AmazonServiceClient
{
    private readonly AwsService _service;

    public GenericAwsClient(AWSCredentials credentials, GenericClientConfig config)
        : base(credentials, config) => _service = config.Service;

    public async Task<byte[]> SendAsync(AwsOperation operation, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = GenericMarshaller.Instance,
            ResponseUnmarshaller = _service.Protocol is AwsProtocol.Query or AwsProtocol.RestXml
                ? GenericXmlUnmarshaller.Instance
                : GenericJsonUnmarshaller.Instance,
        };
        var response = await InvokeAsync<GenericResponse>(new GenericRequest(_service, operation), options, cancellationToken);
        return response.Body;
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new GenericEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4OnlyAuthSchemeHandler());
    }

    /// <summary>Builds the config for a service in a region, applying an explicit endpoint when one is given.</summary>
    public static GenericClientConfig CreateConfig(AwsService service, string region, string partition, string? endpointUrl)
    {
        var signingRegion = service.Global ? AwsService.GlobalRegion(partition) : region;
        var config = new GenericClientConfig(service)
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(signingRegion),
            SigningRegion = signingRegion,
            RetryMode = RequestRetryMode.Standard,
            AuthenticationRegion = signingRegion,
        };
        if (endpointUrl is not null)
        {
            config.ServiceURL = endpointUrl;
        }

        return config;
    }
}
