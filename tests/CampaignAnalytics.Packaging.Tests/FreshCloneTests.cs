using System;
using System.IO;
using System.Linq;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// README's main command in a repository whose remote is a local path, as in CI's fresh clone from a folder:
/// <c>dotnet run --project src/CampaignAnalytics.Cli -- report … --format csv &gt; out.csv</c> must write the CSV and
/// nothing else (a build warning printed by <c>dotnet run</c> lands on the tool's stdout, in the user's file).
/// </summary>
public sealed class FreshCloneTests
{
    private const string ReportHeader = "period_start,period_end,campaign_id,channel,variation_api_id,variation_name,rate,numerator,denominator,value,days,partial";

    [Fact]
    public void Report_as_csv_through_dotnet_run_writes_only_the_csv_to_stdout()
    {
        var clone = CopyWorkingTree();
        try
        {
            var result = DotNet.Run(
                clone,
                ["run", "--project", "src/CampaignAnalytics.Cli", "--", "report", "notebooks/data/spring-sale.json", "--by", "week", "--format", "csv"],
                TimeSpan.FromMinutes(6));
            Assert.True(result.ExitCode == 0, result.Describe("dotnet run --project src/CampaignAnalytics.Cli -- report"));
            var lines = result.Stdout.Split('\n');
            Assert.True(
                lines[0].TrimEnd('\r') == ReportHeader,
                "stdout must start with the CSV header; it starts with:\n" + string.Join('\n', lines.Take(3)));
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    /// <summary>
    /// The working tree as a clone would have it (tracked files and new files git does not ignore, so that uncommitted
    /// work is what gets tested), committed in a repository of its own whose remote <c>origin</c> is a local path.
    /// </summary>
    private static string CopyWorkingTree()
    {
        var clone = Directory.CreateTempSubdirectory("ca-clone-").FullName;
        var files = DotNet.Git(DotNet.RepoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Stdout
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files.Where(f => File.Exists(Path.Combine(DotNet.RepoRoot, f))))
        {
            var target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(DotNet.RepoRoot, file), target);
        }

        DotNet.Git(clone, "init", "--quiet");
        DotNet.Git(clone, "add", "--all");
        DotNet.Git(clone, "-c", "user.name=tests", "-c", "user.email=tests@localhost", "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", "copy");
        DotNet.Git(clone, "remote", "add", "origin", DotNet.RepoRoot);
        return clone;
    }
}
