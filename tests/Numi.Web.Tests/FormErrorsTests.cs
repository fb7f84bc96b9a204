using Numi.Core.Common;
using Numi.Web.Components.Kit;

namespace Numi.Web.Tests;

/// <summary>What FormErrors hands a MudBlazor form: one line per field for its ErrorText, and the rest for above it.</summary>
public sealed class FormErrorsTests
{
    [Fact]
    public void A_fields_messages_are_one_error_text_and_a_field_without_any_has_none()
    {
        var errors = new FormErrors();
        errors.Add("code", "Give the code.");
        errors.Add("code", "Too short.");

        Assert.Equal("Give the code. Too short.", errors.Text("code"));
        Assert.Null(errors.Text("percent_off"));
    }

    [Fact]
    public void Messages_of_fields_the_form_does_not_show_and_general_ones_go_above_it()
    {
        var errors = new FormErrors();
        errors.AddRange([Error.Invalid("code", "Taken."), Error.NotFound("This discount code does not exist.", "id")]);
        errors.Add(null, "Try again later.");

        Assert.Equal(["Try again later.", "This discount code does not exist."], errors.Unplaced(new[] { "code", "percent_off" }.Contains).ToList());
    }
}
