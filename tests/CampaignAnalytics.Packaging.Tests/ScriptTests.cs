using System;
using System.IO;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// The analyst scripts run as committed, from their folder, the way their header and notebooks/README.md tell a person
/// (<c>dotnet fsi weekly-report.fsx</c>, <c>dotnet run weekly-report.cs</c>), and print the weekly report of the sample.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ScriptTests(PackagesFixture packages)
{
    [Fact]
    public void Fsharp_script_prints_the_weekly_report() =>
        AssertReport(Run("weekly-report.fsx", ["fsi", "weekly-report.fsx"]));

    [Fact]
    public void File_based_csharp_app_prints_the_weekly_report() =>
        AssertReport(Run("weekly-report.cs", ["run", "weekly-report.cs"]));

    private ProcessResult Run(string script, string[] arguments)
    {
        var result = DotNet.Run(Path.Combine(DotNet.RepoRoot, "notebooks", "scripts"), arguments, TimeSpan.FromMinutes(4), packages.Environment);
        Assert.True(result.ExitCode == 0, result.Describe(script));
        return result;
    }

    private static void AssertReport(ProcessResult result)
    {
        Assert.Contains("Weekly report of spring-sale.json: 100 days, 2025-03-01 to 2025-06-08", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Week of 2025-03-03", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Email conversion rate against the control group", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Control Group\s+\d+\.\d\d%\s+p=-\s+\(control\)", result.Stdout);
    }
}
