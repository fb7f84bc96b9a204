using Numi.Core.Common;
using Numi.Core.Members;
using Numi.Core.Organizations;

namespace Numi.Core.Tests.Validation;

public sealed class InviteMemberValidatorTests
{
    private static readonly InviteMemberValidator Validator = new();

    private static InviteMember Invite(string email, OrganizationRole role = OrganizationRole.Member) =>
        new(email, role, Guid.CreateVersion7(), token => "https://numi.local/invitations/" + token);

    [Fact]
    public void A_valid_invitation_has_no_errors()
    {
        Assert.Empty(Validator.Check(Invite("ada@example.com", OrganizationRole.Admin)));
    }

    [Fact]
    public void A_missing_email_is_parameter_missing()
    {
        ErrorAssert.Has(Validator.Check(Invite("")), ErrorCodes.ParameterMissing, "email");
    }

    [Fact]
    public void A_malformed_email_is_parameter_invalid()
    {
        var errors = Validator.Check(Invite("ada.example.com"));
        ErrorAssert.Has(errors, ErrorCodes.ParameterInvalid, "email");
        Assert.DoesNotContain(errors, e => e.Code == ErrorCodes.ParameterMissing);
    }

    [Fact]
    public void An_undefined_role_is_parameter_invalid()
    {
        ErrorAssert.Has(Validator.Check(Invite("ada@example.com", (OrganizationRole)9)), ErrorCodes.ParameterInvalid, "role");
    }
}
