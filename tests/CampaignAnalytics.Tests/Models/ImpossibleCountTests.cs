using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Models;

/// <summary>
/// Counts, days and responses that cannot be right: the readers enforce the schema's <c>minimum</c> and take an
/// integer only when its exact value is whole; a repeated variation and an error envelope are refused by the data
/// set and the comparison; a proportion never comes out above 1.
/// </summary>
public class ImpossibleCountTests
{
    private static readonly CampaignDataSeriesCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    private static string Response(string email, string date = "2026-10-01") =>
        "{\"message\":\"success\",\"data\":[{\"time\":\"" + date + "\",\"messages\":{\"email\":[" + email + "]}}]}";

    [Theory]
    [InlineData("-1", "expected a count (0 or more), found -1")]
    [InlineData("-0", "expected a count (0 or more), found -0")]
    [InlineData("-0e5", "expected a count (0 or more), found -0e5")]
    [InlineData("-9223372036854775808", "expected a count (0 or more), found -9223372036854775808")]
    [InlineData("1e-400", "expected an integer, found the fraction 1e-400")]
    [InlineData("12345678901234567890123e-3", "expected an integer, found the fraction 12345678901234567890123e-3")]
    public void Both_readers_refuse_a_count_the_schema_cannot_hold(string count, string problem)
    {
        var json = Response("{\"variation_api_id\":\"a\",\"sent\":" + count + "}");
        var fast = Assert.Throws<CampaignJsonException>(() => CampaignDataSeriesResponse.Parse(json));
        Assert.Equal(problem, fast.Problem);
        Assert.Equal("$.data[0].messages.email[0].sent", fast.JsonPath);

        // The full reader (JsonConverter / ReadFrom) says the same.
        var full = Assert.Throws<CampaignJsonException>(() => ReadWithFullReader(json));
        Assert.Equal(problem, full.Problem);
    }

    private static CampaignDataSeriesResponse ReadWithFullReader(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return CampaignDataSeriesResponse.ReadFrom(ref reader);
    }

    [Fact]
    public void Pattern_counts_obey_the_minimum_too()
    {
        var json = "{\"message\":\"success\",\"data\":[{\"time\":\"2026-10-01\",\"messages\":{\"ios_push\":[{\"variation_api_id\":\"a\",\"sent\":3,\"notif_button_1_Go_click\":-2}]}}]}";
        var e = Assert.Throws<CampaignJsonException>(() => CampaignDataSeriesResponse.Parse(json));
        Assert.Equal("expected a count (0 or more), found -2", e.Problem);
        Assert.Equal("$.data[0].messages.ios_push[0].notif_button_1_Go_click", e.JsonPath);
    }

    public static TheoryData<string> Numbers()
    {
        // Every form the JSON grammar allows, around the edges of whole, fraction and 64-bit range.
        var data = new TheoryData<string>();
        var mantissas = new[] { "0", "1", "7", "10", "100", "123", "9223372036854775807", "9223372036854775808", "18446744073709551616", "1000000000000000000000", "0.0", "1.0", "1.5", "12.50", "0.001", "3.14159", "922337203685477580.7", "92233720368547758.08", "1.000000000000000000000000", "12345678901234567890123", "100000000000000000000000", "0.000000000000000000000000001" };
        var exponents = new[] { string.Empty, "e0", "E+0", "e1", "e-1", "e2", "e-2", "e18", "e19", "e-19", "e-400", "e400", "e+0003", "e-0003" };
        foreach (var m in mantissas)
        {
            foreach (var e in exponents)
            {
                data.Add(m + e);
                data.Add("-" + m + e);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void A_number_is_a_whole_count_exactly_when_its_exact_value_is_whole_and_in_range(string number)
    {
        var expected = Exact(number);
        var outcome = JsonReadHelpers.ParseIntegral(Encoding.ASCII.GetBytes(number), out var value);
        if (expected.Denominator != 1)
        {
            Assert.Equal(JsonReadHelpers.Integral.Fraction, outcome);
        }
        else if (expected.Numerator < long.MinValue || expected.Numerator > long.MaxValue)
        {
            Assert.Equal(JsonReadHelpers.Integral.OutOfRange, outcome);
        }
        else
        {
            Assert.Equal(JsonReadHelpers.Integral.Whole, outcome);
            Assert.Equal((long)expected.Numerator, value);
        }
    }

    /// <summary>The exact value of a JSON number as a reduced fraction (numerator, power-of-ten denominator), by BigInteger.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Exact(string number)
    {
        var e = number.IndexOfAny(new[] { 'e', 'E' });
        var mantissa = e < 0 ? number : number[..e];
        var exponent = e < 0 ? 0 : int.Parse(number[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        exponent -= dot < 0 ? 0 : mantissa.Length - dot - 1;
        var n = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (n.IsZero)
        {
            return (0, 1);
        }

        if (exponent >= 0)
        {
            return (n * BigInteger.Pow(10, exponent), 1);
        }

        var d = BigInteger.Pow(10, -exponent);
        var g = BigInteger.GreatestCommonDivisor(n, d);
        return (n / g, d / g);
    }

    [Fact]
    public void A_variation_twice_on_one_day_is_refused_by_the_data_set_and_the_comparison()
    {
        var response = CampaignDataSeriesResponse.Parse(Response("{\"variation_api_id\":\"a\",\"sent\":10},{\"variation_api_id\":\"b\",\"sent\":4},{\"variation_name\":\"x\",\"variation_api_id\":\"a\",\"sent\":3}"));
        var e = Assert.Throws<CampaignDataException>(() => CampaignDataSet.Create(Catalogue, "spring", response));
        Assert.Equal("campaign 'spring': email on 2026-10-01 lists variation 'a' twice (elements 0 and 2); the input cannot be right, so nothing is summed.", e.Message);
        Assert.Throws<CampaignDataException>(() => ChannelComparison.Compare(Catalogue, response, "email"));

        // Elements with neither id nor name are not compared with each other.
        var anonymous = CampaignDataSeriesResponse.Parse(Response("{\"sent\":10},{\"sent\":3}"));
        Assert.Equal(2, CampaignDataSet.Create(Catalogue, "x", anonymous).Elements.Count);
    }

    [Theory]
    [InlineData("{\"message\":\"Invalid campaign_id\"}", "Braze reported \"Invalid campaign_id\" instead of \"success\" and sent no data")]
    [InlineData("{\"message\":\"error\",\"data\":[]}", "Braze reported \"error\" instead of \"success\"")]
    [InlineData("{\"message\":\"success\"}", "the response says \"success\" but has no \"data\" array")]
    [InlineData("{\"message\":\"Success\",\"data\":[]}", "Braze reported \"Success\" instead of \"success\"")]
    public void An_error_envelope_is_not_a_campaign_without_days(string json, string problem)
    {
        var response = CampaignDataSeriesResponse.Parse(json);
        Assert.Equal(problem, ResponseStatus.Problem(Catalogue, response));
        var e = Assert.Throws<CampaignDataException>(() => CampaignDataSet.Create(Catalogue, "c", response));
        Assert.Equal("Campaign 'c': " + problem + ".", e.Message);
        Assert.Throws<CampaignDataException>(() => ChannelComparison.Compare(Catalogue, response, "email"));
        Assert.Null(ResponseStatus.Problem(Catalogue, CampaignDataSeriesResponse.Parse("{\"message\":\"success\",\"data\":[]}")));
    }

    [Fact]
    public void A_proportion_is_never_above_one_while_a_ratio_may_be()
    {
        var email = Catalogue.FindChannel("email")!;
        var unique = email.FindRate("UniqueClickRate")!;
        var total = email.FindRate("TotalOpenRate")!;
        Assert.True(unique.IsProportion);
        Assert.False(total.IsProportion);
        Assert.False(email.FindRate("ConversionRate")!.IsProportion); // conversions land on the day they happen

        var response = CampaignDataSeriesResponse.Parse(
            Response("{\"variation_api_id\":\"a\",\"sent\":10,\"delivered\":10,\"unique_clicks\":12,\"opens\":25}")
                .Replace("]}}]}", "]}},{\"time\":\"2026-10-02\",\"messages\":{\"email\":[{\"variation_api_id\":\"a\",\"sent\":10,\"delivered\":10,\"unique_clicks\":2,\"opens\":4}]}}]}", StringComparison.Ordinal));
        var element = response.Data![0].Messages!.Email![0];
        Assert.Null(unique.Evaluate(element));
        Assert.Equal(2.5, total.Evaluate(element));

        var data = CampaignDataSet.Create(Catalogue, "c", response);
        var daily = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Day)).Where(r => r.Rate == "UniqueClickRate").ToList();
        Assert.Equal(2, daily.Count);
        Assert.True(daily[0].ExceedsDenominator);
        Assert.Equal(new NodaTime.LocalDate(2026, 10, 1), daily[0].ExceedingDay);
        Assert.Null(daily[0].Value);
        Assert.Equal(12, daily[0].Numerator);
        Assert.False(daily[1].ExceedsDenominator);
        Assert.Equal(0.2, daily[1].Value);

        // The whole range sums to 14 of 20, which looks possible, but it holds the impossible day: no value.
        var whole = Assert.Single(CampaignRates.Compute(data), r => r.Rate == "UniqueClickRate");
        Assert.True(whole.ExceedsDenominator);
        Assert.Null(whole.Value);
        Assert.Equal(14, whole.Numerator);
        Assert.Throws<CampaignDataException>(() => ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Rate = "UniqueClickRate" }));
        Assert.Equal(1.45, Assert.Single(CampaignRates.Compute(data), r => r.Rate == "TotalOpenRate").Value);
    }
}
