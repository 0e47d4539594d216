using System;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>
/// Keeps what the tool prints on stderr to one short line: inputs can carry names of any length (a stray quote
/// turns a payload into one), and a message quotes, it never carries the payload.
/// </summary>
internal static class Lines
{
    /// <summary>The longest line an error or a note prints.</summary>
    public const int MaxLength = 600;

    /// <summary>The longest piece of input (a name, an id) a message quotes.</summary>
    public const int MaxExcerpt = 64;

    /// <summary>Text on one line (breaks and tabs become spaces), cut to <see cref="MaxLength"/> characters.</summary>
    public static string One(string text)
    {
        var line = string.Join(" ", text.Split(new[] { "\r\n", "\n", "\r", "\t" }, StringSplitOptions.RemoveEmptyEntries)).Trim();
        return Excerpt(line, MaxLength);
    }

    /// <summary>A piece of input for a message: at most <paramref name="max"/> characters, marked when cut.</summary>
    public static string Excerpt(string text, int max = MaxExcerpt) =>
        text.Length <= max ? text : text[..(max - 1)] + "…";
}
