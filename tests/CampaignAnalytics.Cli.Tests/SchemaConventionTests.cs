using System;
using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// The conventions a schema declares (<c>x-success</c> on the <c>x-role: status</c> field, <c>x-control-name</c>,
/// <c>x-default-rate</c>) drive the CLI through <c>--schema</c>: which responses are completed exports, which arm is the
/// control group, and which rate <c>compare</c> compares when <c>--rate</c> is not given.
/// </summary>
public sealed class SchemaConventionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-conventions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The bundled schema with success <c>ok</c>, control <c>Holdout</c> and default rate <c>UniqueClickRate</c>.</summary>
    private string Schema()
    {
        var text = File.ReadAllText(CliRunner.Data("campaign-data-series.schema.json"));
        foreach (var (from, to) in new[]
        {
            ("\"x-success\": \"success\"", "\"x-success\": \"ok\""),
            ("\"x-control-name\": \"Control Group\"", "\"x-control-name\": \"Holdout\""),
            ("\"x-default-rate\": \"ConversionRate\"", "\"x-default-rate\": \"UniqueClickRate\""),
        })
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var path = Path.Combine(_dir, "conventions.schema.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>spring-sale.json in that schema's conventions: status <c>ok</c>, control named <c>Holdout</c>.</summary>
    private string Data()
    {
        var text = File.ReadAllText(CliRunner.Data("spring-sale.json"))
            .Replace("\"message\": \"success\"", "\"message\": \"ok\"", StringComparison.Ordinal)
            .Replace("\"message\":\"success\"", "\"message\":\"ok\"", StringComparison.Ordinal)
            .Replace("Control Group", "Holdout", StringComparison.Ordinal);
        Assert.Contains("\"ok\"", text, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "spring-sale.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Compare_takes_its_default_rate_and_control_group_from_the_schema()
    {
        var builtIn = await CliRunner.RunAsync("compare", CliRunner.Data("spring-sale.json"), "--channel", "email", "--rate", "UniqueClickRate", "--format", "csv");
        var declared = await CliRunner.RunAsync("--schema", Schema(), "compare", Data(), "--channel", "email", "--format", "csv");
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        Assert.True(declared.ExitCode == 0, declared.ToString());
        Assert.Contains("Control Group", builtIn.Stdout, StringComparison.Ordinal);
        Assert.Equal(builtIn.Stdout.Replace("Control Group", "Holdout", StringComparison.Ordinal), declared.Stdout);
        Assert.Equal(builtIn.Stderr, declared.Stderr);
    }

    [Fact]
    public async Task A_response_without_the_schemas_success_status_is_one_user_error()
    {
        var result = await CliRunner.RunAsync("--schema", Schema(), "report", CliRunner.Data("spring-sale.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("campaign-analytics: ", line, StringComparison.Ordinal);
        Assert.Contains("Braze reported \"success\" instead of \"ok\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_reads_data_in_the_schemas_conventions()
    {
        var builtIn = await CliRunner.RunAsync("report", CliRunner.Data("spring-sale.json"), "--format", "csv");
        var declared = await CliRunner.RunAsync("--schema", Schema(), "report", Data(), "--format", "csv");
        Assert.True(declared.ExitCode == 0, declared.ToString());
        Assert.Equal(builtIn.Stdout.Replace("Control Group", "Holdout", StringComparison.Ordinal), declared.Stdout);
    }
}
