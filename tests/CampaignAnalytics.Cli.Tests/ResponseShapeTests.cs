using System.IO;
using CampaignAnalytics.Cli.Input;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <see cref="CanvasInput.ShapeOf"/> reads a plain campaign file from its bytes without parsing it: every way a Canvas
/// shape can be written (a top-level <c>data</c> object, <c>variants</c> or <c>steps</c>, spaced, escaped, after the days)
/// must still be found, and the words inside a campaign's days must not make it one.
/// </summary>
public sealed class ResponseShapeTests
{
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
    public void The_shape_of_a_file_is_what_its_top_level_says(string json, string expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            Assert.Equal(expected, CanvasInput.ShapeOf(path).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
