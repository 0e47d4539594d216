using System;
using System.IO;

namespace CampaignAnalytics.Tests;

/// <summary>Locates files shipped with the tests and in the repository.</summary>
internal static class TestPaths
{
    public static string Payload(string name) => Path.Combine(AppContext.BaseDirectory, "Payloads", name);

    public static byte[] PayloadBytes(string name) => File.ReadAllBytes(Payload(name));

    /// <summary>The repository root (the folder holding CampaignAnalytics.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CampaignAnalytics.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CampaignAnalytics.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
