namespace Numi.Infrastructure.Email;

/// <summary><c>Email:*</c>. With no SMTP host, mail is written as .eml files under the data folder's <c>mail</c> directory.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "Numi <no-reply@numi.local>";
    public SmtpOptions Smtp { get; set; } = new();
    public int BatchSize { get; set; } = 50;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; } = true;
}
