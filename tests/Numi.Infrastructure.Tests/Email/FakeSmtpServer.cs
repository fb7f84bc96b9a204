using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Numi.Infrastructure.Tests.Email;

/// <summary>A one-connection SMTP server on the loopback that records what a client sends: enough of RFC 5321 (EHLO,
/// AUTH PLAIN, MAIL, RCPT, DATA, QUIT) to take a message. It offers no STARTTLS, so a client that insists on TLS must
/// refuse it.</summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    public FakeSmtpServer()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public List<string> Commands { get; } = [];
    public string? Credentials { get; private set; }
    public string? Data { get; private set; }

    private async Task ServeAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake.test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            Commands.Add(line);
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteAsync("250-fake.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
                    break;
                case "AUTH":
                    var parts = line.Split(' ');
                    if (parts.Length < 3)
                    {
                        await writer.WriteLineAsync("334 ");
                        parts = [.. parts, await reader.ReadLineAsync() ?? ""];
                    }
                    Credentials = Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])).Replace('\0', '|');
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".") data.AppendLine(dataLine);
                    Data = data.ToString();
                    await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
            }
        }
    }

    /// <summary>Waits for the conversation to end (the client quit or hung up).</summary>
    public Task Finished => _serving;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try { await _serving.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException or TimeoutException) { }
    }
}
