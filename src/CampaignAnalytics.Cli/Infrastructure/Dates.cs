using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>Dates on the command line and in outputs: ISO <c>yyyy-MM-dd</c>, invariant.</summary>
internal static class Dates
{
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Parses an option's date; a user error naming the option when it is not a valid <c>yyyy-MM-dd</c> date.</summary>
    public static LocalDate Parse(string text, string optionName)
    {
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        if (!result.Success)
        {
            throw new UserErrorException($"{optionName}: '{text}' is not a valid date (expected yyyy-MM-dd, e.g. 2025-03-01).");
        }

        return result.Value;
    }

    /// <summary>The optional window of <c>--from</c> / <c>--to</c>: either end may be left open; a user error when from is after to.</summary>
    public static (LocalDate? From, LocalDate? To) ParseRange(string? from, string? to)
    {
        LocalDate? f = from is null ? null : Parse(from, "--from");
        LocalDate? t = to is null ? null : Parse(to, "--to");
        if (f is { } a && t is { } b && a > b)
        {
            throw new UserErrorException($"--from {Format(a)} is after --to {Format(b)}.");
        }

        return (f, t);
    }
}
