using System.Linq;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Rates;

public class RateChangesTests
{
    // Week of 2025-01-06 (Mon) vs the week before; email clicks 30/100 + 10/100 this week, 5/50 last week.
    private const string Json = """
        {"message":"success","data":[
          {"time":"2024-12-31","messages":{"email":[{"variation_api_id":"a","sent":50,"delivered":50,"unique_clicks":5}]}},
          {"time":"2025-01-06","messages":{"email":[{"variation_api_id":"a","sent":100,"delivered":100,"unique_clicks":30}]}},
          {"time":"2025-01-08","messages":{"email":[{"variation_api_id":"a","sent":100,"delivered":100,"unique_clicks":10}],
                                            "sms":[{"variation_api_id":"s","sent":10,"delivered":9}]}}
        ]}
        """;

    [Fact]
    public void This_week_against_last_week_sums_then_divides_per_window()
    {
        var data = CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, "c1", CampaignDataSeriesResponse.Parse(Json));
        var windows = PeriodOverPeriod.LastFullWeeks(new LocalDate(2025, 1, 12));
        Assert.Equal(new DateInterval(new LocalDate(2025, 1, 6), new LocalDate(2025, 1, 12)), windows.Current);

        var rows = RateChanges.Compare(data, windows);
        var click = rows.Single(r => r.Channel == "email" && r.Rate == "UniqueClickRate");
        Assert.Equal(40.0 / 200, click.CurrentValue);
        Assert.Equal(5.0 / 50, click.PreviousValue);
        Assert.Equal(10.0, click.ChangeInPoints!.Value, 12);
        Assert.Equal(1.0, click.RelativeChange!.Value, 12);

        // A channel seen only this week has no previous rate: nothing is invented.
        var sms = rows.Single(r => r.Channel == "sms" && r.Rate == "DeliveryRate");
        Assert.Null(sms.Previous);
        Assert.Null(sms.ChangeInPoints);

        var frame = rows.ToDataFrame();
        Assert.Equal(rows.Count, frame.Rows.Count);
        Assert.Equal("2025-01-06", frame.Columns["current_start"][0]);
    }
}
