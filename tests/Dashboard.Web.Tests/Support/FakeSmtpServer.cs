using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Support;

/// <summary>One message as the fake SMTP server received it: the envelope, the credentials used, and the raw DATA.</summary>
public sealed partial record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string Data, string? AuthUser, string? AuthPassword)
{
    private string HeaderBlock => Data[..Math.Max(0, Data.IndexOf("\r\n\r\n", StringComparison.Ordinal))];

    /// <summary>A top-level header's value, unfolded and with RFC 2047 encoded words decoded; null when absent.</summary>
    public string? Header(string name) => Headers(HeaderBlock).GetValueOrDefault(name);

    /// <summary>The decoded body of the first MIME part of this media type (base64 and quoted-printable understood).</summary>
    public string Part(string mediaType)
    {
        var headers = Headers(HeaderBlock);
        var boundary = BoundaryPattern().Match(headers.GetValueOrDefault("Content-Type") ?? "") is { Success: true } m ? m.Groups[1].Value : null;
        var parts = boundary is null
            ? [Data]
            : Data.Split("--" + boundary, StringSplitOptions.None).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal));
        foreach (var part in parts)
        {
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var partHeaders = Headers(part[..split].Trim('\r', '\n'));
            if ((partHeaders.GetValueOrDefault("Content-Type") ?? "").StartsWith(mediaType, StringComparison.OrdinalIgnoreCase))
            {
                var body = part[(split + 4)..].TrimEnd('\r', '\n');
                return partHeaders.GetValueOrDefault("Content-Transfer-Encoding")?.ToLowerInvariant() switch
                {
                    "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n")))),
                    "quoted-printable" => QuotedPrintable(body),
                    _ => body,
                };
            }
        }

        throw new InvalidOperationException($"no {mediaType} part in the message:\n{Data}");
    }

    private static Dictionary<string, string> Headers(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon];
                headers.TryAdd(last, line[(colon + 1)..].Trim());
            }
        }

        return headers.ToDictionary(h => h.Key, h => EncodedWords(h.Value), StringComparer.OrdinalIgnoreCase);
    }

    private static string EncodedWords(string value) =>
        EncodedWordPattern().Replace(value.Replace("?= =?", "?==?", StringComparison.Ordinal), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            return string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(m.Groups[3].Value))
                : QuotedPrintable(m.Groups[3].Value.Replace('_', ' '), charset);
        });

    private static string QuotedPrintable(string text, Encoding? encoding = null)
    {
        var bytes = new List<byte>();
        var source = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '=' && i + 2 < source.Length && Uri.IsHexDigit(source[i + 1]) && Uri.IsHexDigit(source[i + 2]))
            {
                bytes.Add(Convert.ToByte(source.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(source[i].ToString()));
            }
        }

        return (encoding ?? Encoding.UTF8).GetString([.. bytes]);
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWordPattern();
}

/// <summary>
/// A minimal SMTP server for tests, on 127.0.0.1 (a free port): EHLO/HELO, AUTH LOGIN (when <see cref="OfferAuthLogin"/>),
/// MAIL, RCPT, DATA, RSET, NOOP, QUIT. It never offers STARTTLS. Every accepted message is kept in <see cref="Received"/>.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;

    public FakeSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Advertise AUTH LOGIN in the EHLO answer (off: the server takes mail without credentials).</summary>
    public bool OfferAuthLogin { get; init; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _sessions.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        string? from = null, user = null, password = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 fake-smtp.test ESMTP ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-fake-smtp.test");
                        if (OfferAuthLogin)
                        {
                            await writer.WriteLineAsync("250-AUTH LOGIN");
                        }

                        await writer.WriteLineAsync("250 HELP");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "AUTH" when OfferAuthLogin && argument.StartsWith("LOGIN", StringComparison.OrdinalIgnoreCase):
                        var initial = argument.Length > 5 ? argument[6..].Trim() : "";
                        if (initial.Length == 0)
                        {
                            await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                            initial = await reader.ReadLineAsync(_stop.Token) ?? "";
                        }

                        user = Encoding.UTF8.GetString(Convert.FromBase64String(initial));
                        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                        password = Encoding.UTF8.GetString(Convert.FromBase64String(await reader.ReadLineAsync(_stop.Token) ?? ""));
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(argument);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(argument));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Received.Enqueue(new ReceivedMail(from ?? "", [.. to], data.ToString(), user, password));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
    }

    private static string Address(string argument) =>
        argument[(argument.IndexOf('<', StringComparison.Ordinal) + 1)..argument.IndexOf('>', StringComparison.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }
}
