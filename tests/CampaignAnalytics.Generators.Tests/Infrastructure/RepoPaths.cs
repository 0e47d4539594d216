using System;
using System.IO;

namespace CampaignAnalytics.Generators.Tests.Infrastructure;

/// <summary>Locates files in the repository (the schema, snapshots, test schemas) from the test binaries.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CampaignAnalytics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CampaignAnalytics.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    /// <summary>This test project's source folder (snapshots are read from and written to it).</summary>
    public static string TestProject => Path.Combine(Root, "tests", "CampaignAnalytics.Generators.Tests");

    public static string Snapshots => Path.Combine(TestProject, "Snapshots");

    public static string DiagnosticSchemas => Path.Combine(TestProject, "Schemas", "Diagnostics");

    public static string RealSchemaFile => Path.Combine(Root, "schema", "campaign-data-series.schema.json");

    public static string RealSchemaText => File.ReadAllText(RealSchemaFile);

    public static string Payload(string name) => Path.Combine(Root, "tests", "CampaignAnalytics.Tests", "Payloads", name);
}
