using System;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Tests.Rates;

public class CampaignRatesTests
{
    private static readonly ChannelCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    private static IDataSeriesResponse Parse(string json) => Catalogue.ParseResponse(Encoding.UTF8.GetBytes(json));

    private static CampaignDataSet FromJson(string json, string id = "c1") => CampaignDataSet.Create(Catalogue, id, Parse(json));

    private static CampaignDataSet FromFile(string file, string id = "c1") =>
        CampaignDataSet.Create(Catalogue, id, Catalogue.ParseResponse(TestPaths.PayloadBytes(file)));

    // Monday 2025-06-16 and Tuesday 2025-06-17 are in one ISO week; Monday 2025-06-23 starts the next.
    private const string TwoWeeksOfEmail = """
        {"message":"success","data":[
          {"time":"2025-06-16","messages":{"email":[
             {"variation_api_id":"a","variation_name":"A","sent":100,"delivered":100,"unique_clicks":50,"unique_opens":60},
             {"variation_api_id":"ctl","variation_name":"control group","unique_recipients":40,"conversions":2}]}},
          {"time":"2025-06-17","messages":{"email":[
             {"variation_api_id":"a","variation_name":"A","sent":1000,"delivered":1000,"unique_clicks":100,"unique_opens":0},
             {"variation_api_id":"b","variation_name":"B","sent":10,"unique_clicks":5}]}},
          {"time":"2025-06-23","messages":{"email":[
             {"variation_api_id":"a","variation_name":"A","sent":0,"delivered":0,"unique_clicks":0}]}}
        ]}
        """;

    /// <summary>Days of February 2025 with eight email variations each, every count of the common email rates present.</summary>
    private static string EmailDaysOfFebruary(int days)
    {
        var json = new StringBuilder("""{"message":"success","data":[""");
        for (var d = 1; d <= days; d++)
        {
            json.Append(d > 1 ? "," : string.Empty).Append(System.FormattableString.Invariant($$"""{"time":"2025-02-{{d:D2}}","messages":{"email":["""));
            for (var v = 0; v < 8; v++)
            {
                json.Append(v > 0 ? "," : string.Empty).Append(System.FormattableString.Invariant($$"""
                    {"variation_api_id":"v{{v}}","variation_name":"V{{v}}","sent":1000,"delivered":900,"opens":500,"unique_opens":400,
                     "clicks":300,"unique_clicks":200,"unsubscribes":5,"bounces":100,"reported_spam":1,"unique_recipients":1000,"conversions":20,"revenue":12.5}
                    """));
            }

            json.Append("]}}");
        }

        return json.Append("]}").ToString();
    }

    [Fact]
    public void Monthly_rates_allocate_per_group_not_per_element_and_rate()
    {
        // A report of years of data spends its time here: each element's rates are summed into its group's sums, with
        // no allocation per element and rate (before: a period interval, a key and a growing day set for each).
        var grouping = new RateGrouping(Period: RatePeriod.Month);
        var oneDay = FromJson(EmailDaysOfFebruary(1));
        var wholeMonth = FromJson(EmailDaysOfFebruary(28));
        var rows = CampaignRates.Compute(wholeMonth, grouping);
        Assert.Equal(CampaignRates.Compute(oneDay, grouping).Count, rows.Count);
        Assert.True(rows.Count >= 8 * 5, "every variation has several email rates");
        Assert.All(rows, r => Assert.Equal(28, r.DaysCounted));

        static long Allocated(Action action)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var small = Allocated(() => CampaignRates.Compute(oneDay, grouping));
        var large = Allocated(() => CampaignRates.Compute(wholeMonth, grouping));
        var extraElements = 27 * 8;
        Assert.InRange(large - small, 0, extraElements * 32);
    }

    [Fact]
    public void Weekly_rates_sum_then_divide_never_average_daily_rates()
    {
        var data = FromJson(TwoWeeksOfEmail);
        var weekly = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.IsoWeek));
        var week1 = weekly.Single(r => r.Rate == "UniqueClickRate" && r.VariationApiId == "a" && r.PeriodStart == new LocalDate(2025, 6, 16));
        Assert.Equal(new LocalDate(2025, 6, 22), week1.PeriodEnd);
        Assert.Equal(150, week1.Numerator);
        Assert.Equal(1100, week1.Denominator);
        Assert.Equal(150.0 / 1100, week1.Value);

        var daily = CampaignRates.PerRow(data).Where(r => r.Rate == "UniqueClickRate" && r.VariationApiId == "a" && r.PeriodStart < new LocalDate(2025, 6, 23)).ToList();
        Assert.Equal(new double?[] { 0.5, 0.1 }, daily.Select(r => r.Value));
        var meanOfDaily = daily.Average(r => r.Value!.Value);
        Assert.Equal(0.3, meanOfDaily, 12);
        Assert.NotEqual(meanOfDaily, week1.Value!.Value, 3);
    }

    [Fact]
    public void A_zero_denominator_gives_null_never_zero_or_an_exception()
    {
        var data = FromJson(TwoWeeksOfEmail);
        var week2 = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.IsoWeek))
            .Where(r => r.PeriodStart == new LocalDate(2025, 6, 23)).ToList();
        Assert.NotEmpty(week2);
        Assert.All(week2, r => Assert.Null(r.Value));
        var click = week2.Single(r => r.Rate == "UniqueClickRate");
        Assert.Equal(0, click.Numerator);
        Assert.Equal(0, click.Denominator);

        // ClickToOpenRate on 06-17: unique_opens is 0.
        var perRow = CampaignRates.PerRow(data);
        Assert.Null(perRow.Single(r => r.Rate == "ClickToOpenRate" && r.PeriodStart == new LocalDate(2025, 6, 17)).Value);

        var frame = perRow.ToDataFrame();
        var value = Assert.IsType<DoubleDataFrameColumn>(frame.Columns["value"]);
        Assert.Equal(perRow.Count(r => r.Value is null), value.NullCount);
    }

    [Fact]
    public void Only_rows_carrying_both_numerator_and_denominator_count()
    {
        var data = FromJson(TwoWeeksOfEmail);
        var whole = CampaignRates.Compute(data);

        // B has unique_clicks and sent but no delivered: no UniqueClickRate row, but a DeliveryRate needs delivered too.
        Assert.DoesNotContain(whole, r => r.VariationApiId == "b" && r.Rate == "UniqueClickRate");
        Assert.DoesNotContain(whole, r => r.VariationApiId == "b" && r.Rate == "DeliveryRate");

        // The control element has no sent: only its conversion rate appears.
        var control = whole.Where(r => r.IsControl).ToList();
        Assert.Equal(new[] { "ConversionRate" }, control.Select(r => r.Rate));
        Assert.Equal(2.0 / 40, control[0].Value);

        // A's ClickToOpenRate counts both days (unique_opens present, 0 on the second), not the third (absent).
        var cto = whole.Single(r => r.VariationApiId == "a" && r.Rate == "ClickToOpenRate");
        Assert.Equal(150, cto.Numerator);
        Assert.Equal(60, cto.Denominator);
        Assert.Equal(new LocalDate(2025, 6, 16), cto.PeriodStart);
        Assert.Equal(new LocalDate(2025, 6, 17), cto.PeriodEnd);

        // Whole-range period spans the group's counted days.
        var click = whole.Single(r => r.VariationApiId == "a" && r.Rate == "UniqueClickRate");
        Assert.Equal(new DateInterval(new LocalDate(2025, 6, 16), new LocalDate(2025, 6, 23)), click.Period);
        Assert.Equal(150.0 / 1100, click.Value);
    }

    [Fact]
    public void Push_rates_use_the_catalogues_derived_deliveries()
    {
        var data = FromFile("multichannel-real.json");
        var rows = CampaignRates.PerRow(data);
        var ios = rows.Single(r => r.Channel == "ios_push" && r.Rate == "DirectOpenRate");
        Assert.Equal(296, ios.Denominator); // sent - bounces
        Assert.Equal(21.0 / 296, ios.Value);
        var android = rows.Single(r => r.Channel == "android_push" && r.Rate == "DirectOpenRate");
        Assert.Equal(270, android.Denominator); // delivered wins
        Assert.Equal(296.0 / 300, rows.Single(r => r.Channel == "ios_push" && r.Rate == "DeliveryRate").Value);

        // One push variation pooled over iOS and Android.
        var pooled = CampaignRates.Compute(data, new RateGrouping(ByChannel: false))
            .Single(r => r.VariationApiId == "8a4b-push-a" && r.Rate == "DirectOpenRate");
        Assert.Null(pooled.Channel);
        Assert.Equal((21.0 + 30) / (296 + 270), pooled.Value);
    }

    [Fact]
    public void Every_declared_rate_is_computed_for_every_channel_present()
    {
        var data = FromFile("multichannel-real.json");
        var rows = CampaignRates.PerRow(data);
        foreach (var channel in data.ChannelsPresent)
        {
            foreach (var element in data.ElementsOf(channel))
            {
                foreach (var rate in channel.Rates)
                {
                    var expected = rate.Evaluate(element.Element);
                    var row = rows.SingleOrDefault(r => r.Channel == channel.Key && r.Rate == rate.Name && r.VariationApiId == element.VariationApiId);
                    if (rate.Numerator.GetValue(element.Element) is null || rate.Denominator.GetValue(element.Element) is null)
                    {
                        Assert.Null(row);
                    }
                    else
                    {
                        Assert.NotNull(row);
                        Assert.Equal(expected, row!.Value);
                    }
                }
            }
        }

        Assert.Contains(rows, r => r.Channel == "email" && r.Rate == "MachineOpenRate" && r.Value == 120.0 / 750);
        Assert.Contains(rows, r => r.Channel == "webhook" && r.Rate == "ErrorRate" && r.Value == 1.0 / 50);
    }

    [Fact]
    public void Conversion_rate_per_variation_and_for_the_control_element()
    {
        var data = FromFile("multivariate-iam.json");
        Assert.Equal(new[] { "ConversionRate" }, CampaignRates.CommonRateNames(Catalogue));
        var rows = CampaignRates.CommonRates(data);
        Assert.Equal(new[] { "Variant 1", "Variant 2", "Control Group" }, rows.Select(r => r.VariationName));
        Assert.All(rows, r => Assert.Equal("ConversionRate", r.Rate));
        Assert.All(rows, r => Assert.Null(r.VariationApiId));
        Assert.Equal(new double?[] { 6.0 / 990, 3.0 / 970, 0.0 }, rows.Select(r => r.Value));
        Assert.Equal(new[] { false, false, true }, rows.Select(r => r.IsControl));

        // Pooled per channel: the control counts unless excluded.
        var withControl = CampaignRates.CommonRates(data, new RateGrouping(ByVariation: false)).Single();
        Assert.Equal(9.0 / 2160, withControl.Value);
        var treated = CampaignRates.CommonRates(data, new RateGrouping(ByVariation: false, IncludeControl: false)).Single();
        Assert.Equal(9.0 / 1960, treated.Value);
        Assert.Null(treated.VariationName);
    }

    [Fact]
    public void Campaign_level_rates_come_from_the_day_fields()
    {
        var data = FromFile("multichannel-real.json");
        var row = Assert.Single(CampaignRates.DailyTotals(data));
        Assert.Equal("ConversionRate", row.Rate);
        Assert.Null(row.Channel);
        Assert.Equal(42.0 / 1520, row.Value);

        // Day 2 has unique_recipients 0 and no conversions: not counted, so the period is day 1 only.
        Assert.Equal(new LocalDate(2025, 6, 19), row.PeriodEnd);
        var perDay = CampaignRates.DailyTotals(data, RatePeriod.Day);
        Assert.Single(perDay);
    }

    [Fact]
    public void Campaigns_are_tagged_and_can_be_pooled()
    {
        var first = new CampaignDays<IDailyDataPoint>("c1", ChannelCatalogue.DaysOf(Parse(TwoWeeksOfEmail)));
        var second = new CampaignDays<IDailyDataPoint>("c2", ChannelCatalogue.DaysOf(Parse(TwoWeeksOfEmail)));
        var data = new CampaignDataSet(Catalogue, new[] { first, second });
        var separate = CampaignRates.Compute(data, new RateGrouping(ByVariation: false)).Where(r => r.Rate == "UniqueClickRate").ToList();
        Assert.Equal(new[] { "c1", "c2" }, separate.Select(r => r.CampaignId));
        var pooled = CampaignRates.Compute(data, new RateGrouping(ByCampaign: false, ByVariation: false)).Single(r => r.Rate == "UniqueClickRate");
        Assert.Null(pooled.CampaignId);
        Assert.Equal(300, pooled.Numerator);
        Assert.Equal(2200, pooled.Denominator);
    }

    [Fact]
    public void Periods_month_within_and_custom_bucket_the_days()
    {
        var data = FromJson(TwoWeeksOfEmail);
        bool Click(RateRow r) => r.Rate == "UniqueClickRate" && r.VariationApiId == "a";

        var month = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Month)).Single(Click);
        Assert.Equal(new DateInterval(new LocalDate(2025, 6, 1), new LocalDate(2025, 6, 30)), month.Period);

        var window = new DateInterval(new LocalDate(2025, 6, 17), new LocalDate(2025, 6, 30));
        var within = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Within(window))).Single(Click);
        Assert.Equal(window, within.Period);
        Assert.Equal(100, within.Numerator);
        Assert.Equal(1000, within.Denominator);

        var sundayWeeks = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Week(IsoDayOfWeek.Sunday))).Where(Click).ToList();
        Assert.Equal(new[] { new LocalDate(2025, 6, 15), new LocalDate(2025, 6, 22) }, sundayWeeks.Select(r => r.PeriodStart));

        var fortnights = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Every(Period.FromDays(14), new LocalDate(2025, 6, 16)))).Single(Click);
        Assert.Equal(new LocalDate(2025, 6, 29), fortnights.PeriodEnd);

        var onlyMondays = RatePeriod.Custom(d => d.DayOfWeek == IsoDayOfWeek.Monday ? new DateInterval(d, d) : null, "mondays");
        Assert.Equal(2, CampaignRates.Compute(data, new RateGrouping(Period: onlyMondays)).Count(Click));
    }

    [Fact]
    public void Rate_rows_become_a_frame_with_the_documented_columns()
    {
        var rows = CampaignRates.Compute(FromJson(TwoWeeksOfEmail), new RateGrouping(ByVariation: false, Period: RatePeriod.IsoWeek));
        var frame = rows.ToDataFrame();
        Assert.Equal(
            new[] { "period_start", "period_end", "campaign_id", "channel", "variation_api_id", "variation_name", "rate", "numerator", "denominator", "value", "days", "partial" },
            frame.Columns.Select(c => c.Name));
        Assert.Equal(2L, frame.Columns["days"][0]); // Monday and Tuesday of the week of 2025-06-16
        Assert.Equal(true, frame.Columns["partial"][0]);
        Assert.Equal(rows.Count, frame.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["period_start"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["numerator"]);
        Assert.Equal("2025-06-16", frame.Columns["period_start"][0]);
        Assert.Equal("2025-06-22", frame.Columns["period_end"][0]);
        Assert.Null(frame.Columns["variation_api_id"][0]);
        Assert.Equal(rows.Count, frame.Columns["variation_name"].NullCount);

        // Sorted by period, then channel, then rate in schema order.
        Assert.Equal(rows.OrderBy(r => r.PeriodStart).Select(r => r.PeriodStart), rows.Select(r => r.PeriodStart));
    }

    [Fact]
    public void Periods_are_whole_calendar_periods_and_say_how_many_of_their_days_were_counted()
    {
        var data = FromJson(TwoWeeksOfEmail);
        bool Clicks(RateRow r) => r.Rate == "UniqueClickRate" && r.VariationApiId == "a";

        // The week of Monday 2025-06-16 is labelled Monday to Sunday although the data holds only its Monday and Tuesday.
        var weeks = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.IsoWeek)).Where(Clicks).ToList();
        Assert.Equal(new LocalDate(2025, 6, 16), weeks[0].PeriodStart);
        Assert.Equal(new LocalDate(2025, 6, 22), weeks[0].PeriodEnd);
        Assert.Equal(2, weeks[0].DaysCounted);
        Assert.True(weeks[0].IsPartial);
        Assert.Equal(1, weeks[1].DaysCounted);

        // Months likewise: June 2025 is 2025-06-01..2025-06-30, with 3 days counted.
        var june = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Month)).Single(Clicks);
        Assert.Equal(new DateInterval(new LocalDate(2025, 6, 1), new LocalDate(2025, 6, 30)), june.Period);
        Assert.Equal(3, june.DaysCounted);
        Assert.True(june.IsPartial);

        // A day is never partial; the whole range is partial when days inside it lack data (2025-06-18..22 here).
        Assert.All(CampaignRates.PerRow(data), r => Assert.False(r.IsPartial));
        var whole = CampaignRates.Compute(data).Single(Clicks);
        Assert.Equal(new DateInterval(new LocalDate(2025, 6, 16), new LocalDate(2025, 6, 23)), whole.Period);
        Assert.Equal(3, whole.DaysCounted);
        Assert.True(whole.IsPartial);

        // A period whose every day was counted is complete.
        var complete = FromJson("""
            {"message":"success","data":[
              {"time":"2025-06-16","messages":{"email":[{"variation_api_id":"a","sent":10,"delivered":10,"unique_clicks":1}]}},
              {"time":"2025-06-17","messages":{"email":[{"variation_api_id":"a","sent":10,"delivered":10,"unique_clicks":1}]}}
            ]}
            """);
        var days = CampaignRates.Compute(complete, new RateGrouping(Period: RatePeriod.Within(new DateInterval(new LocalDate(2025, 6, 16), new LocalDate(2025, 6, 17))))).Single(Clicks);
        Assert.Equal(2, days.DaysCounted);
        Assert.False(days.IsPartial);
    }

    [Fact]
    public void Pooled_campaigns_count_a_day_once()
    {
        var one = Parse(TwoWeeksOfEmail);
        var data = new CampaignDataSet(Catalogue, new[] { new CampaignDays<IDailyDataPoint>("c1", ChannelCatalogue.DaysOf(one)), new CampaignDays<IDailyDataPoint>("c2", ChannelCatalogue.DaysOf(one)) });
        var pooled = CampaignRates.Compute(data, new RateGrouping(ByCampaign: false, Period: RatePeriod.IsoWeek))
            .First(r => r.Rate == "UniqueClickRate" && r.VariationApiId == "a");
        Assert.Equal(2, pooled.DaysCounted);
        Assert.Equal(300, pooled.Numerator);
    }
}
