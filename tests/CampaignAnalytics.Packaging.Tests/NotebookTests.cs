using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// Runs every notebook headless with dotnet-repl (a local tool, .config/dotnet-tools.json) as committed, from
/// notebooks/, as notebooks/README.md tells a person, against the packages in artifacts/packages, one at a time.
/// A failing cell fails the test with the notebook, the cell and its error.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class NotebookTests(PackagesFixture packages)
{
    private static string NotebooksFolder => Path.Combine(DotNet.RepoRoot, "notebooks");

    private static string[] NotebookFiles() =>
        Directory.GetFiles(NotebooksFolder, "*.dib").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Notebooks() => new(NotebookFiles());

    [Fact]
    public void Every_notebook_is_committed_without_outputs()
    {
        // .dib files cannot hold outputs; an .ipynb next to them would (a headless run's *.out.ipynb is ignored by git).
        Assert.DoesNotContain(Directory.GetFiles(NotebooksFolder, "*.ipynb", SearchOption.AllDirectories), f => !f.EndsWith(".out.ipynb", StringComparison.Ordinal));
        Assert.Equal(
            new[] { "ab-testing.dib", "canvas.dib", "fsharp-analysis.dib", "new-channel.dib", "peeking.dib", "quickstart.dib" },
            NotebookFiles());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_headless_without_a_failing_cell(string notebook)
    {
        var restore = packages.ToolRestore;
        Assert.True(restore.ExitCode == 0, restore.Describe("dotnet tool restore"));

        var work = Directory.CreateTempSubdirectory("ca-notebook-").FullName;
        try
        {
            var output = Path.Combine(work, Path.ChangeExtension(notebook, ".ipynb"));

            // The notebook's schema check runs the tool this test run built rather than `dotnet run` of the CLI project,
            // which would restore the repository's projects into this run's private home.
            var result = DotNet.Run(
                NotebooksFolder,
                ["repl", "--run", notebook, "--exit-after-run", "--output-path", output],
                TimeSpan.FromMinutes(5),
                packages.EnvironmentWith("CAMPAIGN_ANALYTICS_CLI", PackagesFixture.Cli));

            var failures = File.Exists(output) ? FailingCells(output) : [];
            Assert.True(failures.Count == 0 && result.ExitCode == 0,
                failures.Count > 0
                    ? $"{notebook}: {failures.Count} failing cell(s); the first is {failures[0]}"
                    : result.Describe($"dotnet repl --run {notebook}") + (File.Exists(output) ? string.Empty : "\n(no output notebook was written)"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The cells whose outputs hold an error, as "cell N (first source line): error".</summary>
    internal static List<string> FailingCells(string ipynb)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ipynb));
        var failures = new List<string>();
        var index = 0;
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.TryGetProperty("outputs", out var outputs))
            {
                foreach (var output in outputs.EnumerateArray())
                {
                    if (output.GetProperty("output_type").GetString() == "error")
                    {
                        var source = cell.GetProperty("source");
                        var text = source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(s => s.GetString())) : source.GetString() ?? string.Empty;
                        var firstLine = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
                        var error = output.TryGetProperty("evalue", out var value) ? value.GetString() : output.ToString();
                        failures.Add($"cell {index} (counting markdown cells from 0; first line: {firstLine}): {error}");
                    }
                }
            }

            index++;
        }

        return failures;
    }
}

public sealed class FailingCellReportTests
{
    [Fact]
    public void A_failing_cell_is_named_by_index_and_first_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "ca-failing-" + Guid.NewGuid().ToString("N") + ".ipynb");
        File.WriteAllText(path, """
            {"cells":[
              {"cell_type":"markdown","source":["# Title"]},
              {"cell_type":"code","source":["var x = 1;\n","x"],"outputs":[{"output_type":"display_data","data":{"text/plain":"1"}}]},
              {"cell_type":"code","source":["\n","var y = z;"],"outputs":[{"output_type":"error","ename":"Error","evalue":"(1,9): error CS0103: The name 'z' does not exist","traceback":[]}]}
            ]}
            """);
        try
        {
            var failure = Assert.Single(NotebookTests.FailingCells(path));
            Assert.Equal("cell 2 (counting markdown cells from 0; first line: var y = z;): (1,9): error CS0103: The name 'z' does not exist", failure);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
