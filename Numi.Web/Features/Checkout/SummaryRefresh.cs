namespace Numi.Web.Features.Checkout;

/// <summary>The htmx attributes of a checkout field that changes the amounts (a slot, the email, the country): a change
/// re-posts the form as an update and swaps in the new summary and discount field. Without JavaScript the form's update button does it.</summary>
public static class SummaryRefresh
{
    /// <summary>An empty <c>hx-post</c> posts to the document's address as it is at that moment: once the offer's link
    /// has opened a session, htmx has pushed the session's address (<c>HX-Push-Url</c>), so later changes go to the
    /// session, with its cookie, and the page's bytes do not depend on the address it was served at.</summary>
    public const string PostToDocument = "";

    public static Dictionary<string, object> Attributes() => new()
    {
        ["hx-post"] = PostToDocument,
        ["hx-trigger"] = "change",
        // The summary's live region stays in place and only its contents change, so screen readers announce the new total.
        ["hx-select"] = "#co-summary > *",
        ["hx-target"] = "#co-summary",
        ["hx-swap"] = "innerHTML",
        // The discount field comes too (a code may stop applying to the new order), and the form's notice (an earlier
        // message no longer holds).
        ["hx-select-oob"] = "#co-discount:innerHTML,#co-notice:innerHTML",
        ["hx-vals"] = """{"Input.Action":"update"}""",
        ["hx-sync"] = "closest form:replace",
    };
}
