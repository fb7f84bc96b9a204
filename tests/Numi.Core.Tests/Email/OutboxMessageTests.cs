using Numi.Core.Email;

namespace Numi.Core.Tests.Email;

public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage NewMessage() =>
        OutboxMessage.Create(new EmailMessage("ada@example.com", "Hello", "Text body", "<p>Html</p>"), null, Now);

    [Fact]
    public void Create_is_pending_and_due_now()
    {
        var message = NewMessage();
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(Now, message.NextAttemptAt);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void Failed_attempts_back_off_exponentially_and_stay_pending()
    {
        var message = NewMessage();
        var expectedDelays = new[] { 1, 2, 4, 8, 16, 32, 64 };
        for (var i = 0; i < expectedDelays.Length; i++)
        {
            var at = Now.AddHours(i);
            message.MarkAttemptFailed("connection refused", at);
            Assert.Equal(i + 1, message.Attempts);
            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal(at.AddMinutes(expectedDelays[i]), message.NextAttemptAt);
            Assert.Equal("connection refused", message.LastError);
        }
    }

    [Fact]
    public void The_message_fails_for_good_after_MaxAttempts()
    {
        var message = NewMessage();
        for (var i = 1; i < OutboxMessage.MaxAttempts; i++) message.MarkAttemptFailed("nope", Now);
        Assert.Equal(OutboxStatus.Pending, message.Status);

        message.MarkAttemptFailed("still nope", Now);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(OutboxMessage.MaxAttempts, message.Attempts);
        Assert.Equal("still nope", message.LastError);
    }

    [Fact]
    public void Long_errors_are_cut_to_1000_characters()
    {
        var message = NewMessage();
        message.MarkAttemptFailed(new string('x', 5000), Now);
        Assert.Equal(1000, message.LastError!.Length);
    }

    [Fact]
    public void MarkSent_records_the_time_counts_the_attempt_and_clears_the_error()
    {
        var message = NewMessage();
        message.MarkAttemptFailed("timeout", Now);
        message.MarkSent(Now.AddMinutes(2));
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(Now.AddMinutes(2), message.SentAt);
        Assert.Equal(2, message.Attempts);
        Assert.Null(message.LastError);
    }

    [Fact]
    public void Preview_flattens_lines_and_cuts_long_text()
    {
        var message = OutboxMessage.Create(new EmailMessage("a@b.c", "S", "line one\nline two", ""), null, Now);
        Assert.Equal("line one line two", message.Preview());
        Assert.Equal("line…", message.Preview(4));
    }
}
