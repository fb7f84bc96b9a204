using MudBlazor;

namespace Numi.Web.Client.Shell;

/// <summary>The merchant app's light and dark palettes. Text uses the system font stack: no web font is fetched
/// (the Content-Security-Policy allows fonts only from Numi itself, and a slow phone should not wait for one).</summary>
public static class NumiTheme
{
    /// <summary>The cookie that remembers the person's choice, read by the server before the first render.</summary>
    public const string Cookie = "numi.theme";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            Secondary = "#0f766e",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#f8fafc",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818cf8",
            Secondary = "#2dd4bf",
            AppbarBackground = "#111827",
            Background = "#0b1120",
            Surface = "#111827",
            DrawerBackground = "#111827",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
