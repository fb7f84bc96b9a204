using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

public sealed class ContentBlockValidator : AbstractValidator<ContentBlock>
{
    public const int MaxUrlLength = 500;
    public const int MaxBullets = 10;

    public ContentBlockValidator()
    {
        RuleFor(b => b.Text).MultiLineText();
        RuleFor(b => b.Url).SingleLineText();
        RuleForEach(b => b.Items).SingleLineText();
        RuleFor(b => b.Author).SingleLineText();
        RuleFor(b => b.Label).SingleLineText();
        RuleFor(b => b.Type).IsInEnum().WithMessage("Unknown block type.");

        When(b => b.Type == ContentBlockType.Headline, () =>
            RuleFor(b => b.Text).NotEmpty().WithMessage("A headline needs its text.")
                .MaximumLength(120).WithMessage("A headline has at most 120 characters.")
                .Must(t => t is null || !t.Contains('\n')).WithMessage("A headline is one line."));
        When(b => b.Type == ContentBlockType.Text, () =>
            RuleFor(b => b.Text).NotEmpty().WithMessage("A text block needs its text.")
                .MaximumLength(2000).WithMessage("A text block has at most 2000 characters."));
        When(b => b.Type == ContentBlockType.Image, () =>
        {
            RuleFor(b => b.Url).NotEmpty().WithMessage("An image needs its address.")
                .Must(IsImageUrl).WithMessage("The image must be an https:// address or a path on this site starting with /.");
            RuleFor(b => b.Text).MaximumLength(200).WithMessage("An image's description has at most 200 characters.");
        });
        When(b => b.Type == ContentBlockType.Video, () =>
            RuleFor(b => b.Url).NotEmpty().WithMessage("A video needs its address.")
                .Must(u => u is null || VideoEmbed.Normalize(u) is not null)
                .WithMessage("The video must be an https:// YouTube or Vimeo address."));
        When(b => b.Type == ContentBlockType.Bullets, () =>
        {
            RuleFor(b => b.Items).NotEmpty().WithMessage("Add at least one bullet point.")
                .Must(i => i is null || i.Count <= MaxBullets).WithMessage($"Use at most {MaxBullets} bullet points.");
            RuleForEach(b => b.Items).NotEmpty().WithMessage("A bullet point cannot be empty.")
                .MaximumLength(140).WithMessage("A bullet point has at most 140 characters.");
        });
        When(b => b.Type == ContentBlockType.Testimonial, () =>
        {
            RuleFor(b => b.Text).NotEmpty().WithMessage("A testimonial needs its quote.")
                .MaximumLength(500).WithMessage("A testimonial has at most 500 characters.");
            RuleFor(b => b.Author).MaximumLength(100).WithMessage("The author has at most 100 characters.");
        });
        When(b => b.Type == ContentBlockType.Countdown, () =>
        {
            RuleFor(b => b.EndsAt).NotNull().WithMessage("A countdown needs the moment it ends.").PlausibleTimestamp();
            RuleFor(b => b.Text).MaximumLength(120).WithMessage("A countdown's caption has at most 120 characters.");
        });
        When(b => b.Type == ContentBlockType.CallToAction, () =>
            RuleFor(b => b.Label).NotEmpty().WithMessage("A call to action needs its button label.")
                .MaximumLength(40).WithMessage("A button label has at most 40 characters."));
    }

    private static bool IsImageUrl(string? url) => url is null || url.Length <= MaxUrlLength
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));
}
