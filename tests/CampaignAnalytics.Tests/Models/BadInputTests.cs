using System;
using System.Text;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Models;

public class BadInputTests
{
    private static CampaignJsonException Fail(string json) =>
        Assert.Throws<CampaignJsonException>(() => CampaignDataSeriesResponse.Parse(json));

    private const string Prefix = "{\"message\":\"success\",\"data\":[";

    private static string Day(string time, string messages) => "{\"time\":\"" + time + "\",\"messages\":" + messages + "}";

    [Fact]
    public void Wrong_type_names_path_line_column_and_byte()
    {
        var json = "{\n  \"message\": \"success\",\n  \"data\": [\n"
            + "    {\"time\": \"2025-01-01\", \"messages\": {}},\n"
            + "    {\"time\": \"2025-01-02\", \"messages\": {}},\n"
            + "    {\"time\": \"2025-01-03\", \"messages\": {}},\n"
            + "    {\"time\": \"2025-01-04\", \"messages\": {\"email\": [{\"sent\": \"12\"}]}}\n  ]\n}";
        var e = Fail(json);
        Assert.Equal("$.data[3].messages.email[0].sent", e.JsonPath);
        Assert.Equal("expected an integer, found string", e.Problem);
        Assert.Equal(7, e.Line);
        var offset = json.IndexOf("\"12\"", StringComparison.Ordinal);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Equal(offset - json.LastIndexOf('\n', offset), e.Column);
        Assert.Equal($"$.data[3].messages.email[0].sent: expected an integer, found string (line 7, column {e.Column}, byte {offset})", e.Message);
        Assert.Equal(e.JsonPath, e.Path); // JsonException.Path is set too
    }

    [Theory]
    [InlineData("{\"email\":[{\"sent\":99999999999999999999}]}", "$.data[0].messages.email[0].sent", "integer 99999999999999999999 is out of range for a 64-bit count")]
    [InlineData("{\"email\":[{\"sent\":1.5}]}", "$.data[0].messages.email[0].sent", "expected an integer, found the fraction 1.5")]
    [InlineData("{\"email\":[{\"sent\":null}]}", "$.data[0].messages.email[0].sent", "expected an integer, found null")]
    [InlineData("{\"email\":[{\"sent\":1,\"sent\":2}]}", "$.data[0].messages.email[0].sent", "duplicate property \"sent\"")]
    [InlineData("{\"email\":[{\"x\":1,\"x\":2}]}", "$.data[0].messages.email[0].x", "duplicate property \"x\"")]
    [InlineData("{\"ios_push\":[{\"notif_button_1_a_click\":1,\"notif_button_1_a_click\":1}]}", "$.data[0].messages.ios_push[0].notif_button_1_a_click", "duplicate property \"notif_button_1_a_click\"")]
    [InlineData("{\"email\":{}}", "$.data[0].messages.email", "expected an array, found object")]
    [InlineData("{\"email\":[{\"revenue\":1e400}]}", "$.data[0].messages.email[0].revenue", "number 1e400 is out of range for a double")]
    [InlineData("{\"email\":[{\"variation_name\":5}]}", "$.data[0].messages.email[0].variation_name", "expected a string, found number")]
    [InlineData("{\"email\":[3]}", "$.data[0].messages.email[0]", "expected an object, found number")]
    [InlineData("{\"we ird\":[{\"sent\":\"x\"}],\"email\":[{\"sent\":true}]}", "$.data[0].messages.email[0].sent", "expected an integer, found boolean")]
    public void Each_bad_value_has_a_defined_located_error(string messages, string path, string problem)
    {
        var e = Fail(Prefix + Day("2025-01-01", messages) + "]}");
        Assert.Equal(path, e.JsonPath);
        Assert.Equal(problem, e.Problem);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Integral_decimals_are_integers_as_json_schema_says()
    {
        var r = CampaignDataSeriesResponse.Parse(Prefix + Day("2025-01-01", "{\"email\":[{\"sent\":3.0,\"opens\":1e2}]}") + "]}");
        Assert.Equal(3, r.Data![0].Messages!.Email![0].Sent);
        Assert.Equal(100, r.Data[0].Messages!.Email![0].Opens);
    }

    [Fact]
    public void Missing_required_fields_and_bad_dates_are_located()
    {
        var missingTime = Fail(Prefix + "{\"messages\":{}}]}");
        Assert.Equal("$.data[0]", missingTime.JsonPath);
        Assert.Equal("required property \"time\" is missing", missingTime.Problem);
        var missingMessage = Fail("{\"data\":[]}");
        Assert.Equal("$", missingMessage.JsonPath);
        var badDate = Fail(Prefix + "{\"time\":\"2025-02-30\"}]}");
        Assert.Equal("$.data[0].time", badDate.JsonPath);
        Assert.Equal("expected an ISO-8601 date (yyyy-MM-dd), found \"2025-02-30\"", badDate.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"time\":\"2025-01-01\"")]
    [InlineData("{\"message\":\"succ")]
    [InlineData("{\"message\":\"success\"} trailing")]
    [InlineData("{\"message\":\"success\",}")]
    [InlineData("[1,2]")]
    public void Truncated_or_malformed_input_is_a_located_error(string json)
    {
        var e = Fail(json);
        Assert.False(string.IsNullOrEmpty(e.Problem));
        Assert.InRange(e.ByteOffset, 0, Encoding.UTF8.GetByteCount(json));
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Malformed_json_inside_a_known_shape_keeps_its_path()
    {
        var e = Fail(Prefix + Day("2025-01-01", "{\"email\":[{\"sent\":12,,}]}") + "]}");
        Assert.StartsWith("malformed JSON", e.Problem, StringComparison.Ordinal);
        Assert.Equal("$.data[0].messages.email[0]", e.JsonPath);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Deep_nesting_in_an_unknown_field_fails_cleanly_past_the_limit()
    {
        string Nest(int depth) => new string('[', depth) + new string(']', depth);
        // Inside the limit: kept as raw JSON.
        var ok = CampaignDataSeriesResponse.Parse(Prefix + "{\"time\":\"2025-01-01\",\"deep\":" + Nest(50) + "}]}");
        Assert.Equal(Nest(50), ok.Data![0].UnknownFields[0].Json);
        // Past it: a located error, never a stack overflow.
        var e = Fail(Prefix + "{\"time\":\"2025-01-01\",\"deep\":" + Nest(100_000) + "}]}");
        Assert.Contains("depth", e.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("$.data[0].deep", e.JsonPath);
    }

    [Fact]
    public void Escaped_property_names_still_match_known_fields()
    {
        var r = CampaignDataSeriesResponse.Parse(Prefix + Day("2025-01-01", "{\"em\\u0061il\":[{\"s\\u0065nt\":7}]}") + "]}");
        Assert.Equal(7, r.Data![0].Messages!.Email![0].Sent);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble();
        var json = Encoding.UTF8.GetBytes("{\"message\":\"success\",\"data\":[]}");
        var all = new byte[bytes.Length + json.Length];
        bytes.CopyTo(all, 0);
        json.CopyTo(all, bytes.Length);
        Assert.Equal("success", CampaignDataSeriesResponse.Parse(all).Message);
    }

    [Fact]
    public void JsonSerializer_surfaces_the_same_located_exception()
    {
        var e = Assert.Throws<CampaignJsonException>(() =>
            System.Text.Json.JsonSerializer.Deserialize<CampaignDataSeriesResponse>(Prefix + Day("2025-01-01", "{\"sms\":[{\"sent\":\"x\"}]}") + "]}"));
        Assert.Equal("$.data[0].messages.sms[0].sent", e.JsonPath);
    }
}
