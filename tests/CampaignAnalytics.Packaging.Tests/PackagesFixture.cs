using System;
using System.IO;
using System.Linq;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// Packs CampaignAnalytics and CampaignAnalytics.Charts once per run into a temporary folder, with a version no
/// other run uses (NuGet caches a package by id and version), from the build the test run just made (no-build).
/// Removes the folder and the packages' copies in the global packages folder afterwards.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    public PackagesFixture()
    {
        Version = "0.1.0-test.g" + Guid.NewGuid().ToString("N")[..12];
        Folder = Directory.CreateTempSubdirectory("ca-packages-").FullName;
        foreach (var project in new[] { "src/CampaignAnalytics/CampaignAnalytics.csproj", "src/CampaignAnalytics.Charts/CampaignAnalytics.Charts.csproj" })
        {
            var result = DotNet.Run(
                DotNet.RepoRoot,
                ["pack", Path.Combine(DotNet.RepoRoot, project), "--no-build", "-c", DotNet.Configuration, "-o", Folder, "-p:Version=" + Version],
                TimeSpan.FromMinutes(3));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(result.Describe("dotnet pack " + project));
            }
        }
    }

    /// <summary>The unique package version of this run.</summary>
    public string Version { get; }

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Folder { get; }

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>The bundled sample every notebook and script reads.</summary>
    public static string Sample => Path.Combine(DotNet.RepoRoot, "notebooks", "data", "spring-sale.json");

    /// <summary>The built campaign-analytics tool (the notebooks' schema check).</summary>
    public static string Cli => Path.Combine(DotNet.RepoRoot, "src", "CampaignAnalytics.Cli", "bin", DotNet.Configuration, "net10.0", "campaign-analytics.dll");

    public void Dispose()
    {
        TryDelete(Folder);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "campaignanalytics", "campaignanalytics.charts" })
        {
            TryDelete(Path.Combine(cache, id, Version));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    // One pack per run; the tests of this collection run one at a time (notebook hosts are heavy on two cores).
    public const string Name = "packages";
}
