using System;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// <c>note:</c> lines on stderr: warnings that do not change the exit code, written after the output so they are
/// the last thing a person reads and never mix into a redirected stdout.
/// </summary>
internal static class Note
{
    /// <summary>Writes one note line; <paramref name="text"/> is the line without the <c>note: </c> prefix.</summary>
    public static void Write(string text)
    {
        Console.Out.Flush();
        Infrastructure.CommandRunner.Inform("note: " + text);
    }
}
