using System;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests;

/// <summary>Output never depends on the machine's culture (decimal commas, Turkish casing, non-Gregorian calendars).</summary>
public class CultureTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("fr-CH")]
    public void Json_frames_and_errors_read_the_same_in_every_culture(string culture)
    {
        var bytes = TestPaths.PayloadBytes("multichannel-real.json");
        var (json, frameText, rates, error) = Capture(bytes, CultureInfo.InvariantCulture);
        var local = Capture(bytes, CultureInfo.GetCultureInfo(culture));
        Assert.Equal(json, local.Json);
        Assert.Equal(frameText, local.Frame);
        Assert.Equal(rates, local.Rates);
        Assert.Equal(error, local.Error);
        Assert.Contains("\"revenue\":1234.5", json, StringComparison.Ordinal);
        Assert.Contains("2025-06-19", frameText, StringComparison.Ordinal);
    }

    private static (string Json, string Frame, string Rates, string Error) Capture(byte[] bytes, CultureInfo culture)
    {
        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var response = CampaignDataSeriesResponse.Parse(bytes);
            var data = CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, "c", response);
            var frame = data.ToLongFrame();
            var frameText = string.Join("\n", Enumerable.Range(0, (int)frame.Rows.Count).Select(i => string.Join("|", frame.Rows[i].Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
            var rates = string.Join("\n", CampaignRates.Compute(data).Select(r => r.ToString()));
            var error = Assert.Throws<CampaignJsonException>(() => CampaignDataSeriesResponse.Parse("{\"message\":\"x\",\"data\":[{\"time\":\"2025-01-01\",\"revenue\":\"1,5\"}]}")).Message;
            return (response.ToJson(), frameText, rates, error);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}
