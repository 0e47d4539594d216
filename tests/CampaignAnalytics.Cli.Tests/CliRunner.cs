using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The result of one run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Starts the real executable (<c>dotnet campaign-analytics.dll ...</c>) found next to the test output.</summary>
public static class CliRunner
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "campaign-analytics.dll");

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists(Dll), "campaign-analytics.dll not found next to the tests: " + Dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("BRAZE_API_KEY");
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("campaign-analytics did not finish in 120 s: " + string.Join(" ", args));
        }

        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);
}
