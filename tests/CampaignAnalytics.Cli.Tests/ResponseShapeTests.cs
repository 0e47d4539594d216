using System;
using System.IO;
using CampaignAnalytics.Cli.Input;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <see cref="CanvasInput.ShapeOf"/> reads a plain campaign file from its bytes and walks any other file's tokens in blocks,
/// never building a document: every way a Canvas shape can be written (a top-level <c>data</c> object, <c>variants</c> or
/// <c>steps</c>, spaced, escaped, after the days) must still be found, the words inside a campaign's days must not make it
/// one, and the walk sees the whole file (a name after a long value, a token longer than a block, a repeated name, invalid
/// JSON after the first block).
/// </summary>
public sealed class ResponseShapeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-shape-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ResponseShape Shape(string json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return CanvasInput.ShapeOf(path);
    }

    private static string Days(int count) =>
        "[" + string.Join(",", System.Linq.Enumerable.Repeat("{\"time\":\"2026-10-01\",\"messages\":{\"email\":[{\"sent\":10,\"variation_name\":\"A\"}]}}", count)) + "]";

    [Theory]
    [InlineData("{\"message\":\"success\",\"data\":[]}", "Campaign")]
    [InlineData("{\"data\":{\"name\":\"Journey\",\"stats\":[]},\"message\":\"success\"}", "CanvasSeries")]
    [InlineData("{\"name\":\"Journey\",\"variants\":[],\"steps\":[]}", "CanvasDetails")]
    [InlineData("{\"steps\":[]}", "CanvasDetails")]
    [InlineData("{\"data\":{\"stats\":[]},\"steps\":[]}", "CanvasSeries")]
    [InlineData("{\"message\":{\"data\":{},\"steps\":[]}}", "Campaign")]
    [InlineData("[{\"data\":{}}]", "Campaign")]
    [InlineData("{\"d\\u0061ta\":{}}", "CanvasSeries")]
    [InlineData("{\"data\":{},\"data\":[]}", "Campaign")]
    [InlineData("{\"data\":[],\"data\":{}}", "CanvasSeries")]
    [InlineData("{\"data\":{}", "Campaign")]
    [InlineData("{\"data\":{}} trailing", "Campaign")]
    [InlineData("", "Campaign")]
    public void Small_files(string json, string expected) => Assert.Equal(Enum.Parse<ResponseShape>(expected), Shape(json));

    [Theory]
    [InlineData("""{"message":"success","data":[{"time":"2024-01-01"}]}""", "Campaign")]
    [InlineData("""{"message":"success","data":[{"time":"2024-01-01","messages":{"email":[{"variation_name":"data"}]}}]}""", "Campaign")]
    [InlineData("""{"message":"success","data":[{"time":"2024-01-01","messages":{"email":[{"variation_name":"steps"}]}}]}""", "Campaign")]
    [InlineData("""{"message":"success","data":[{"time":"2024-01-01","messages":{"email":[{"variation_name":"caf\u00e9"}]}}]}""", "Campaign")]
    [InlineData("""{"message":"success","data":[{"time":"2024-01-01","messages":{"email":[{"variation_name":"{\"data\": {"}]}}]}""", "Campaign")]
    [InlineData("""{"message":"success","metadata":{"steps_total":2},"data":[{"time":"2024-01-01"}]}""", "Campaign")]
    [InlineData("""{"data": {"name":"Journey","stats":[]},"message":"success"}""", "CanvasSeries")]
    [InlineData("{\"message\":\"success\",\"data\"\n :\r\n\t{\"stats\":[]}}", "CanvasSeries")]
    [InlineData("""{"message":"success","d\u0061ta":{"stats":[]}}""", "CanvasSeries")]
    [InlineData("""{"message":"success","data":[],"steps":[]}""", "CanvasDetails")]
    [InlineData("""{"message":"success","data":[],"v\u0061riants":[]}""", "CanvasDetails")]
    [InlineData("""{"variants":[{"id":"v1"}]}""", "CanvasDetails")]
    [InlineData("""{"data": {"stats":[""", "Campaign")]
    [InlineData("""[{"data":{}}]""", "Campaign")]
    [InlineData("", "Campaign")]
    public void The_shape_of_a_file_is_what_its_top_level_says(string json, string expected) =>
        Assert.Equal(expected, Shape(json).ToString());

    [Fact]
    public void A_byte_order_mark_before_the_json_is_skipped()
    {
        var path = Path.Combine(_dir, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"d\\u0061ta\":{\"stats\":[]}}")]);
        Assert.Equal(ResponseShape.CanvasSeries, CanvasInput.ShapeOf(path));
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"v\\u0061riants\":[],\"steps\":[]}")]);
        Assert.Equal(ResponseShape.CanvasDetails, CanvasInput.ShapeOf(path));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_pipe_is_a_user_error_not_a_crash()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (fifo, writer) = Fifo("pipe.json", "{\"message\":\"success\",\"data\":[]}");
        var error = Assert.Throws<CampaignAnalytics.Cli.Infrastructure.UserErrorException>(() => CanvasInput.ShapeOf(fifo));
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_name_after_a_value_of_many_blocks_still_counts()
    {
        Assert.Equal(ResponseShape.Campaign, Shape("{\"message\":\"success\",\"data\":" + Days(5000) + "}"));
        Assert.Equal(ResponseShape.CanvasDetails, Shape("{\"data\":" + Days(5000) + ",\"steps\":[]}"));
        Assert.Equal(ResponseShape.CanvasSeries, Shape("{\"other\":" + Days(5000) + ",\"data\":{\"stats\":[]}}"));
    }

    [Fact]
    public void A_string_longer_than_a_block_is_read_whole()
    {
        var name = new string('x', 200_000);
        Assert.Equal(ResponseShape.CanvasSeries, Shape("{\"note\":\"" + name + "\",\"data\":{\"name\":\"" + name + "\"}}"));
    }

    [Fact]
    public void Invalid_json_after_the_first_block_is_a_campaign_file_the_campaign_reader_reports()
    {
        Assert.Equal(ResponseShape.Campaign, Shape("{\"data\":{\"stats\":" + Days(5000) + ",}}"));
    }

    /// <summary>
    /// A campaign run looks at the first file's shape only; a Canvas file later among campaign files is refused by the
    /// campaign reader (which reads each file once), the other way round by the Canvas reader: either way one line, exit 2.
    /// </summary>
    [Theory]
    [InlineData("report", "--by", "month")]
    [InlineData("export", "--layout", "long")]
    [InlineData("compare", "--channel", "email")]
    public async System.Threading.Tasks.Task Campaign_and_Canvas_files_cannot_be_mixed_in_either_order(string command, string option, string value)
    {
        var campaign = CliRunner.Data("spring-sale.json");
        var extra = command == "export" ? new[] { option, value, "--out", Path.Combine(_dir, "out.csv") } : new[] { option, value, "--format", "csv" };
        foreach (var canvasFile in new[] { "canvas-onboarding.json", "canvas-onboarding-details.json" })
        {
            var canvas = CliRunner.Data(canvasFile);
            var later = await CliRunner.RunAsync([command, campaign, canvas, .. extra]);
            Assert.Equal(2, later.ExitCode);
            Assert.Equal($"campaign-analytics: {canvas}: a Canvas response, not a campaign one; campaign and Canvas inputs cannot be mixed in one run.", later.Stderr.Trim());

            var first = await CliRunner.RunAsync([command, canvas, campaign, .. extra]);
            Assert.Equal(2, first.ExitCode);
            Assert.Contains($"{campaign}: not a Canvas response; campaign and Canvas inputs cannot be mixed in one run.", first.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>A pipe given after a regular file is refused before anything is read (a filtered report reads its inputs twice).</summary>
    [Fact]
    public async System.Threading.Tasks.Task A_pipe_after_a_regular_file_is_a_user_error()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var (fifo, writer) = Fifo("later.json", File.ReadAllText(CliRunner.Data("welcome-series.json")));
        var result = await CliRunner.RunAsync("report", CliRunner.Data("spring-sale.json"), fifo, "--channel", "email", "--format", "csv");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"campaign-analytics: {fifo}: not a regular file (a pipe?); save the response to a file and pass that.", result.Stderr.Trim());
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A file whose size the file system reports as 0 (a /proc file) is still read to its end.</summary>
    [Fact]
    public async System.Threading.Tasks.Task A_file_reporting_no_length_is_read_to_its_end()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var result = await CliRunner.RunAsync("report", "/proc/self/status", "--format", "csv");
        UserErrorTests.AssertUserError(result, "/proc/self/status:1:1: invalid response at $: malformed JSON: 'N' is an invalid start of a value.");
    }

    /// <summary>A FIFO in the test folder and a writer of <paramref name="content"/> into it, as <c>&lt;(cat file)</c> has (opening a FIFO waits for the other end).</summary>
    private (string Path, System.Threading.Tasks.Task Writer) Fifo(string name, string content)
    {
        var fifo = Path.Combine(_dir, name);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var writer = System.Threading.Tasks.Task.Run(() =>
        {
            try
            {
                File.WriteAllText(fifo, content);
            }
            catch (IOException)
            {
                // The reader closed its end first.
            }
        });
        return (fifo, writer);
    }
}
