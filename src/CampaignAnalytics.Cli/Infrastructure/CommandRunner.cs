using System;
using System.IO;
using System.Threading.Tasks;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Store;
using CampaignAnalytics.Windows;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>
/// Runs a command's body and turns failures into exit codes with ONE line on stderr and no stack trace:
/// user errors exit 2, failures outside the tool exit 1, bugs exit 1 with a short message.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Set <c>CAMPAIGN_ANALYTICS_DEBUG=1</c> to see the stack trace of an unexpected failure.</summary>
    private static bool Debug => Environment.GetEnvironmentVariable("CAMPAIGN_ANALYTICS_DEBUG") == "1";

    /// <summary>Secrets that must never be printed (the API key), scrubbed from every error line.</summary>
    public static string? Secret { get; set; }

    public static int Run(Func<int> body) => RunAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UserErrorException e)
        {
            return Fail(ExitCodes.UserError, e.Message);
        }
        catch (CampaignJsonException e)
        {
            return Fail(ExitCodes.UserError, "invalid JSON: " + e.Message);
        }
        catch (CampaignStoreException e)
        {
            return Fail(ExitCodes.UserError, $"{e.Path}: {e.Message}");
        }
        catch (CountOverflowException e)
        {
            return Fail(ExitCodes.UserError, e.Message);
        }
        catch (ExternalFailureException e)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.Failure, "cancelled.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.UserError, e.Message);
        }
        catch (Exception e)
        {
            if (Debug)
            {
                Console.Error.WriteLine(Scrub(e.ToString()));
            }

            return Fail(ExitCodes.Failure, $"internal error ({e.GetType().Name}): {e.Message} (set CAMPAIGN_ANALYTICS_DEBUG=1 for details, and please report it).");
        }
    }

    public static int Fail(int exitCode, string message)
    {
        Console.Out.Flush();
        Console.Error.WriteLine("campaign-analytics: " + OneLine(Scrub(message)));
        return exitCode;
    }

    private static string Scrub(string text) =>
        string.IsNullOrEmpty(Secret) ? text : text.Replace(Secret, "***", StringComparison.Ordinal);

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(new[] { "\r\n", "\n", "\r", "\t" }, StringSplitOptions.RemoveEmptyEntries)).Trim();
}
