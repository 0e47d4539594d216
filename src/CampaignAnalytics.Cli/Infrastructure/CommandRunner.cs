using System;
using System.IO;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
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

    /// <summary>
    /// The secret that must never be printed (the API key), masked in every line the tool writes to stderr: set it
    /// before anything can echo it (<see cref="Program.Main"/> does, first thing).
    /// </summary>
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
        catch (CampaignDataException e)
        {
            return Fail(ExitCodes.UserError, e.Message);
        }
        catch (CampaignStoreException e)
        {
            // The message names the file. Locked by another writer: the environment (1); damaged or unusable: 2.
            return Fail(e.Problem == CampaignStoreProblem.Busy ? ExitCodes.Failure : ExitCodes.UserError, e.Message);
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
        catch (IOException e) when (IsOutOfSpaceOrDeviceFailure(e))
        {
            // The machine's failure, not the user's: a full disk or quota, or the device failing.
            return Fail(ExitCodes.Failure, e.Message);
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

    /// <summary>
    /// Whether an I/O error is a full disk or quota or a failing device (the environment's failure, exit 1) rather than
    /// a path the user gave that cannot be used (exit 2). .NET puts the OS error code in <see cref="Exception.HResult"/>:
    /// the errno on Unix (ENOSPC 28, EIO 5, EDQUOT 122 on Linux and 69 on macOS), a Win32 code in an HRESULT on Windows.
    /// </summary>
    internal static bool IsOutOfSpaceOrDeviceFailure(IOException e) =>
        OperatingSystem.IsWindows()
            ? (e.HResult & 0xFFFF) is 0x70 or 0x27 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
            : e.HResult is 28 or 5 || (e.HResult == 122 && OperatingSystem.IsLinux()) || (e.HResult == 69 && OperatingSystem.IsMacOS());

    public static int Fail(int exitCode, string message)
    {
        Console.Out.Flush();
        Console.Error.WriteLine("campaign-analytics: " + OneLine(Scrub(message)));
        return exitCode;
    }

    /// <summary>Writes one line to stderr (a <c>note:</c> or what was written where), with the secret masked.</summary>
    public static void Inform(string line) => Console.Error.WriteLine(OneLine(Scrub(line)));

    /// <summary>The text with <see cref="Secret"/> masked (the library's scrubber: any case, whole words for a short key).</summary>
    public static string Scrub(string text) =>
        string.IsNullOrWhiteSpace(Secret) ? text : ApiKeyScrubber.Scrub(text, Secret);

    private static string OneLine(string text) => Lines.One(text);
}
