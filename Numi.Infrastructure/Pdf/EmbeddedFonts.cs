using PdfSharp.Fonts;

namespace Numi.Infrastructure.Pdf;

/// <summary>PDFsharp finds no fonts by itself on Linux: every face it draws comes from here, DejaVu Sans shipped inside
/// this assembly (Fonts/LICENSE.txt), so invoices render the same on a bare Debian machine, in CI and on Windows, with
/// no system font installed. Every family asked for resolves to it; italics are slanted by PDFsharp.</summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "Numi Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly EmbeddedFonts Instance = new();
    private static readonly Lock Gate = new();

    private EmbeddedFonts() { }

    /// <summary>Makes these fonts PDFsharp's, once per process (PDFsharp accepts the same resolver again, never another).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Numi.Pdf.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is missing from Numi.Infrastructure's resources.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
