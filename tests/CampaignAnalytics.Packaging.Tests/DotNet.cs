using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>The result of one child process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Describe(string what) =>
        $"{what} exited {ExitCode} after {Elapsed.TotalSeconds:F0} s.\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}

/// <summary>Runs the dotnet CLI as a user would, from a clean environment (no MSBuild state from the test host).</summary>
public static class DotNet
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The version <c>dotnet pack</c> gives the repository's packages (the same Directory.Build.props as this project's).</summary>
    public static string PackageVersion { get; } = Metadata("PackageVersion");

    public static ProcessResult Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", workingDirectory, arguments, timeout, environment);

    /// <summary>Runs git (the tests that need a repository of their own make one).</summary>
    public static ProcessResult Git(string workingDirectory, params string[] arguments)
    {
        var result = Start("git", workingDirectory, arguments, TimeSpan.FromMinutes(1), null);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException(result.Describe("git " + string.Join(' ', arguments)));
    }

    private static ProcessResult Start(string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // The test host runs inside MSBuild/VSTest: a child build must not inherit their variables.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = Task.Run(() => stdout.Append(process.StandardOutput.ReadToEnd()));
        var readErr = Task.Run(() => stderr.Append(process.StandardError.ReadToEnd()));
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Task.WaitAll(readOut, readErr);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds:F0} s.\n{stdout}\n{stderr}");
        }

        Task.WaitAll(readOut, readErr);
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
    }

    private static string Metadata(string key) =>
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No assembly metadata '{key}'.");
}
