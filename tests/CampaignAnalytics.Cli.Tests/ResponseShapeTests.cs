using System;
using System.IO;
using CampaignAnalytics.Cli.Input;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <see cref="CanvasInput.ShapeOf"/> walks a file's tokens in blocks instead of building a document: the shapes it
/// tells apart, and the cases where the walk has to see the whole file (a name after a long value, a token longer than a
/// block, a repeated name, invalid JSON after the first block).
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
}
