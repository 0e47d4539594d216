using System;
using System.Collections.Generic;
using System.IO;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// Packs CampaignAnalytics, CampaignAnalytics.Charts and CampaignAnalytics.FSharp once per run the way README tells a person — into
/// <c>artifacts/packages</c> at the repository root, with the projects' own version — from the build the test run just
/// made (<c>--no-build</c>). The notebooks and scripts then run exactly as committed.
/// </summary>
/// <remarks>
/// NuGet caches a package by id and version, and so do the hosts: dotnet fsi and dotnet-repl keep each
/// <c>#r "nuget: …"</c> resolution under <c>~/.packagemanagement</c>, <c>dotnet run file.cs</c> keeps its build under
/// <c>~/.local/share/dotnet/runfile</c>. An earlier pack of the same version (by hand, by another run) would be used
/// instead of this build. So every child process that restores the packages runs with a home folder of its own
/// (<see cref="Environment"/>): fresh caches, the machine's package sources, and the user's own caches left alone.
/// </remarks>
public sealed class PackagesFixture : IDisposable
{
    private readonly string home;
    private readonly Lazy<ProcessResult> toolRestore;

    public PackagesFixture()
    {
        Folder = Path.Combine(DotNet.RepoRoot, "artifacts", "packages");
        home = Directory.CreateTempSubdirectory("ca-home-").FullName;
        CopyUserNuGetConfig(home);
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["USERPROFILE"] = home,
            ["DOTNET_CLI_HOME"] = home,
            ["NUGET_PACKAGES"] = Path.Combine(home, ".nuget", "packages"),
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
        };

        foreach (var project in new[] { "src/CampaignAnalytics", "src/CampaignAnalytics.Charts", "src/CampaignAnalytics.FSharp" })
        {
            // README's command; --no-build -c packs the build this test run made instead of building Release again.
            var result = DotNet.Run(
                DotNet.RepoRoot,
                ["pack", project, "-o", "artifacts/packages", "--no-build", "-c", DotNet.Configuration],
                TimeSpan.FromMinutes(3));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(result.Describe("dotnet pack " + project));
            }
        }

        foreach (var id in new[] { "CampaignAnalytics", "CampaignAnalytics.Charts", "CampaignAnalytics.FSharp" })
        {
            if (!File.Exists(Package(id)))
            {
                throw new InvalidOperationException($"dotnet pack did not write {Package(id)}: the projects' version is not {Version}.");
            }
        }

        toolRestore = new Lazy<ProcessResult>(() => DotNet.Run(DotNet.RepoRoot, ["tool", "restore"], TimeSpan.FromMinutes(3), Environment));
    }

    /// <summary>The projects' own version (<c>VersionPrefix</c> in Directory.Build.props), which the notebooks name.</summary>
    public string Version { get; } = DotNet.PackageVersion;

    /// <summary>The folder holding the .nupkg and .snupkg files: <c>artifacts/packages</c> at the repository root.</summary>
    public string Folder { get; }

    /// <summary>The environment of every child process that restores the packages (see the remarks).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary><c>dotnet tool restore</c> (dotnet-repl) into this run's home, once.</summary>
    public ProcessResult ToolRestore => toolRestore.Value;

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>The built campaign-analytics tool (the notebooks' schema check).</summary>
    public static string Cli => Path.Combine(DotNet.RepoRoot, "src", "CampaignAnalytics.Cli", "bin", DotNet.Configuration, "net10.0", "campaign-analytics.dll");

    /// <summary>The environment plus one more variable.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentWith(string key, string value) =>
        new Dictionary<string, string>(Environment) { [key] = value };

    public void Dispose()
    {
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The user's NuGet configuration (its package sources: a mirror, a proxy) into the new home.</summary>
    private static void CopyUserNuGetConfig(string home)
    {
        var user = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "NuGet");
        if (!Directory.Exists(user))
        {
            return;
        }

        var target = Directory.CreateDirectory(Path.Combine(home, ".nuget", "NuGet")).FullName;
        foreach (var file in Directory.GetFiles(user))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    // One pack per run; the tests of this collection run one at a time (notebook hosts are heavy on two cores).
    public const string Name = "packages";
}
