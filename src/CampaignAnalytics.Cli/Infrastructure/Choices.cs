using System;
using System.Linq;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>Checks a value against a closed list, with a one-line error that names the option and lists the valid values.</summary>
internal static class Choices
{
    public static string Check(string? value, string optionName, string defaultValue, params string[] allowed)
    {
        if (value is null)
        {
            return defaultValue;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UserErrorException($"{optionName}: '{value}' is not valid; use one of: {string.Join(", ", allowed)}.");
    }
}
