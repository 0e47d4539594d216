using System;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>Turns the library's <see cref="ArgumentException"/> messages into text for one-line user errors.</summary>
internal static class ArgumentErrors
{
    /// <summary>The message without the " (Parameter 'name')" suffix .NET appends when a parameter name is given.</summary>
    public static string Describe(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message.Substring(0, cut) : message;
    }
}
