using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using Microsoft.Data.Analysis;
using NodaTime;

namespace CampaignAnalytics.Tests.Frames;

public class CampaignDataSetTests
{
    private static readonly ChannelCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    private static CampaignDataSet Load(params (string Id, string File)[] files) =>
        CampaignDataSet.Create(Catalogue, files.Select(f => new CampaignDays<IDailyDataPoint>(f.Id, ChannelCatalogue.DaysOf(Catalogue.ParseResponse(TestPaths.PayloadBytes(f.File))))));

    private static CampaignDataSet Real() => Load(("cmp-1", "multichannel-real.json"));

    private static object?[] Column(DataFrame frame, string name) => frame.Columns[name].Cast<object?>().ToArray();

    [Fact]
    public void A_data_set_of_days_already_checked_is_the_same_data_set_and_checks_nothing_twice()
    {
        var days = new CampaignDays<IDailyDataPoint>("cmp-1", ChannelCatalogue.DaysOf(Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json"))));
        var checkedOnce = CampaignDataSet.CreateChecked(Catalogue, days);
        var full = CampaignDataSet.Create(Catalogue, days);
        Assert.Equal(full.Elements, checkedOnce.Elements);
        Assert.Equal(full.Days, checkedOnce.Days);
        Assert.Equal(full.UnknownFields, checkedOnce.UnknownFields);
        Assert.Equal(full.UnknownChannels, checkedOnce.UnknownChannels);

        // Days with a repeated variation: refused by Create; CreateChecked trusts its caller to have refused them already.
        var twice = new CampaignDays<IDailyDataPoint>("cmp-2", ChannelCatalogue.DaysOf(Catalogue.ParseResponse(
            """{"message":"success","data":[{"time":"2026-10-01","messages":{"email":[{"variation_api_id":"a","sent":1},{"variation_api_id":"a","sent":2}]}}]}"""u8.ToArray())));
        Assert.Throws<CampaignDataException>(() => CampaignDataSet.Create(Catalogue, twice));
        Assert.Equal(2, CampaignDataSet.CreateChecked(Catalogue, twice).Elements.Count);
    }

    [Fact]
    public void Long_table_has_one_row_per_reported_value()
    {
        var data = Real();

        // email A 15 + email B 15 + control 5 + ios 5 fields, 1 derived, 3 dynamic + android 8 fields, 1 derived + webhook 2.
        Assert.Equal(55, data.Values.Count);
        var frame = data.ToLongFrame();
        Assert.Equal(53, frame.Rows.Count); // the two derived deliveries were not reported: not in the tidy frame
        Assert.Equal(
            new[] { "campaign_id", "date", "channel", "variation_api_id", "variation_name", "metric", "value" },
            frame.Columns.Select(c => c.Name));
        Assert.DoesNotContain("deliveries", Column(frame, "metric"));
        Assert.All(Column(frame, "campaign_id"), v => Assert.Equal("cmp-1", v));
        Assert.All(Column(frame, "date"), v => Assert.Equal("2025-06-19", v));
    }

    [Fact]
    public void Long_table_invents_no_zeros()
    {
        var data = Real();
        var control = data.Values.Where(v => v.VariationName == "Control Group").ToList();
        Assert.Equal(new[] { "revenue", "unique_recipients", "conversions", "conversions_by_send_time", "enrolled" }, control.Select(v => v.Metric));
        Assert.DoesNotContain(data.Values, v => v.Channel == "sms");
        Assert.DoesNotContain(data.Values, v => v.Date == new LocalDate(2025, 6, 20));
        Assert.DoesNotContain(data.Values, v => v.Channel == "email" && v.Metric == "conversions1");
    }

    [Fact]
    public void Long_table_holds_derived_and_dynamic_metrics_flagged()
    {
        var data = Real();
        var derived = data.Values.Where(v => v.IsDerived).ToList();
        Assert.Equal(2, derived.Count);
        Assert.Equal(296, derived.Single(v => v.Channel == "ios_push").Value);
        Assert.Equal(270, derived.Single(v => v.Channel == "android_push").Value);
        Assert.All(derived, v => Assert.Equal("deliveries", v.Metric));

        var button = data.Values.Single(v => v.Metric == "notif_button_1_Buy_click");
        Assert.Equal(8, button.Value);
        Assert.Equal(MetricSource.Dynamic, button.Source);
        Assert.Equal("8a4b-push-a", button.VariationApiId);
        Assert.Null(button.VariationName);

        var frame = data.ToLongFrame(includeDerived: true);
        Assert.Equal(55, frame.Rows.Count);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["derived"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["value"]);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["date"]);
        Assert.Equal(2, Column(frame, "derived").Count(v => (bool)v!));
        var metrics = Column(frame, "metric");
        var values = Column(frame, "value");
        Assert.Equal(600.25, values[Array.IndexOf(metrics, "revenue")]);
        Assert.Null(Column(frame, "variation_name")[Array.IndexOf(metrics, "notif_button_1_Buy_click")]);
    }

    [Fact]
    public void Wide_frame_has_a_typed_column_per_catalogue_metric_null_where_absent()
    {
        var data = Real();
        var email = data.ToWideFrame("email");
        var channel = Catalogue.FindChannel("email")!;
        Assert.Equal(3, email.Rows.Count);
        Assert.Equal(
            new[] { "campaign_id", "date", "variation_api_id", "variation_name" }
                .Concat(channel.Metrics.Select(m => m.Name)).Concat(channel.DerivedMetrics.Select(m => m.Name)),
            email.Columns.Select(c => c.Name));
        var sent = Assert.IsType<Int64DataFrameColumn>(email.Columns["sent"]);
        Assert.Equal(new long?[] { 760, 740, null }, sent.ToArray());
        Assert.Equal(1, sent.NullCount);
        var revenue = Assert.IsType<DoubleDataFrameColumn>(email.Columns["revenue"]);
        Assert.Equal(new double?[] { 600.25, 590.0, 44.25 }, revenue.ToArray());
        Assert.Equal(new long?[] { null, null, null }, ((Int64DataFrameColumn)email.Columns["conversions1"]).ToArray());
        Assert.Equal(new object?[] { "2025-06-19", "2025-06-19", "2025-06-19" }, Column(email, "date"));
        Assert.Equal(new object?[] { "Variant A", "Variant B", "Control Group" }, Column(email, "variation_name"));

        // Ordinary DataFrame operations work on the wrapped buffers.
        Assert.Equal(1500L, sent.Sum());
        var doubled = sent.Add(sent);
        Assert.Equal(new long?[] { 1520, 1480, null }, ((PrimitiveDataFrameColumn<long>)doubled).ToArray());
        Assert.Equal(2, email.Filter(sent.ElementwiseIsNotNull()).Rows.Count);
    }

    [Fact]
    public void Wide_push_frame_ends_with_derived_deliveries_and_can_add_dynamic_columns()
    {
        var data = Real();
        var ios = data.ToWideFrame(Catalogue.FindChannel("ios_push")!);
        Assert.Equal("deliveries", ios.Columns[ios.Columns.Count - 1].Name);
        Assert.Equal(new long?[] { 296 }, ((Int64DataFrameColumn)ios.Columns["deliveries"]).ToArray());
        Assert.Equal(new long?[] { null }, ((Int64DataFrameColumn)ios.Columns["delivered"]).ToArray());

        var withDynamic = data.ToWideFrame("ios_push", includeDynamic: true);
        Assert.Equal(ios.Columns.Count + 3, withDynamic.Columns.Count);
        Assert.Equal(new long?[] { 5 }, ((Int64DataFrameColumn)withDynamic.Columns["carousel_slide_1_Summer_click"]).ToArray());
        Assert.Equal(new long?[] { 8 }, ((Int64DataFrameColumn)withDynamic.Columns["notif_button_1_Buy_click"]).ToArray());

        Assert.Equal(ios.Columns.Count, data.ToWideFrame("android_push", includeDynamic: true).Columns.Count);
    }

    [Fact]
    public void Wide_frames_cover_the_channels_present_and_empty_channels_keep_their_schema()
    {
        var data = Real();
        Assert.Equal(new[] { "ios_push", "android_push", "webhook", "email" }, data.ToWideFrames().Keys);
        var whatsApp = data.ToWideFrame("whats_app");
        Assert.Equal(0, whatsApp.Rows.Count);
        Assert.IsType<Int64DataFrameColumn>(whatsApp.Columns["sent"]);
        Assert.IsType<DoubleDataFrameColumn>(whatsApp.Columns["revenue"]);
        Assert.Throws<ArgumentException>(() => data.ToWideFrame("line"));
    }

    [Fact]
    public void Daily_totals_have_one_row_per_campaign_and_day()
    {
        var data = Load(("cmp-1", "multichannel-real.json"), ("cmp-2", "multivariate-iam.json"));
        var frame = data.ToDailyTotalsFrame();
        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(new[] { "campaign_id", "date" }.Concat(Catalogue.DailyMetrics.Select(m => m.Name)), frame.Columns.Select(c => c.Name));
        Assert.Equal(new object?[] { "cmp-1", "cmp-1", "cmp-2" }, Column(frame, "campaign_id"));
        Assert.Equal(new object?[] { "2025-06-19", "2025-06-20", "2025-03-02" }, Column(frame, "date"));
        Assert.Equal(new long?[] { 1520, 0, 2160 }, ((Int64DataFrameColumn)frame.Columns["unique_recipients"]).ToArray());
        Assert.Equal(new long?[] { 42, null, 9 }, ((Int64DataFrameColumn)frame.Columns["conversions"]).ToArray());
        Assert.Equal(new double?[] { 1234.5, null, 15.5 }, ((DoubleDataFrameColumn)frame.Columns["revenue"]).ToArray());

        // Typed: only values actually reported.
        Assert.Equal(5 + 1 + 4, data.DailyValues.Count);
        Assert.Equal(new LocalDate(2025, 3, 2), data.DailyValues.Last().Date);
    }

    [Fact]
    public void Several_campaigns_are_tagged_with_their_ids()
    {
        var data = Load(("cmp-1", "multichannel-real.json"), ("cmp-2", "multivariate-iam.json"));
        Assert.Equal(55, data.Values.Count(v => v.CampaignId == "cmp-1"));
        var iam = data.Values.Where(v => v.CampaignId == "cmp-2").ToList();
        Assert.All(iam, v => Assert.Equal("trigger_in_app_message", v.Channel));
        Assert.All(iam, v => Assert.Null(v.VariationApiId));

        // Variant 1: 4 counts + revenue, unique_recipients, conversions, conversions_by_send_time, conversions1 = 9;
        // Variant 2: 8; Control: revenue, unique_recipients, conversions, conversions_by_send_time, enrolled = 5.
        Assert.Equal(22, iam.Count);
        var frame = data.ToLongFrame(includeDerived: true);
        Assert.Equal(77, frame.Rows.Count);
        Assert.Equal(22, Column(frame, "campaign_id").Count(v => (string?)v == "cmp-2"));
        var wide = data.ToWideFrame("trigger_in_app_message");
        Assert.Equal(new object?[] { "cmp-2", "cmp-2", "cmp-2" }, Column(wide, "campaign_id"));
        Assert.Equal(new object?[] { null, null, null }, Column(wide, "variation_api_id"));
    }

    [Fact]
    public void Unknown_channels_and_fields_are_reported_not_dropped_and_not_fatal()
    {
        var data = Real();
        var line = Assert.Single(data.UnknownChannels);
        Assert.Equal(new UnknownChannel("cmp-1", new LocalDate(2025, 6, 19), "line", "[{\"variation_api_id\":\"8a4b-line\",\"sent\":12,\"read\":9}]"), line);
        var frame = data.ToUnknownChannelsFrame();
        Assert.Equal(new object?[] { "line" }, Column(frame, "channel"));

        Assert.Contains(data.UnknownFields, f => f.Channel == "webhook" && f.FieldName == "latency_p99_ms" && f.Json == "812.5" && f.VariationApiId == "8a4b-hook");
        Assert.Contains(data.UnknownFields, f => f.Channel is null && f.FieldName == "some_future_field");
        Assert.Equal(2, data.UnknownFields.Count);
    }

    [Fact]
    public void A_day_with_only_unknown_channels_still_counts_as_a_day()
    {
        var json = """{"message":"success","data":[{"time":"2025-01-05","unique_recipients":3,"messages":{"carrier_pigeon":[{"sent":3}]}}]}""";
        var data = CampaignDataSet.Create(Catalogue, "c", Catalogue.ParseResponse(Encoding.UTF8.GetBytes(json)));
        Assert.Empty(data.Values);
        Assert.Equal(0, data.ToLongFrame().Rows.Count);
        Assert.Equal(1, data.ToDailyTotalsFrame().Rows.Count);
        Assert.Equal("carrier_pigeon", Assert.Single(data.UnknownChannels).ChannelKey);
    }

    [Fact]
    public void Every_value_of_the_wide_frames_appears_once_in_the_long_table()
    {
        // The two shapes agree: the wide non-null cells (derived and dynamic included) are the long rows.
        var data = Load(("cmp-1", "multichannel-real.json"), ("cmp-2", "multivariate-iam.json"));
        long cells = 0;
        foreach (var frame in data.ToWideFrames(includeDynamic: true).Values)
        {
            foreach (var column in frame.Columns.Skip(4))
            {
                cells += column.Length - column.NullCount;
            }
        }

        Assert.Equal(data.Values.Count, cells);
    }

    [Fact]
    public void A_response_of_another_type_is_refused_up_front()
    {
        var foreign = new ForeignResponse();
        var error = Assert.Throws<ArgumentException>(() => CampaignDataSet.Create(Catalogue, "x", foreign));
        Assert.Contains("x", error.Message, StringComparison.Ordinal);
    }

    private sealed class ForeignResponse : IDataSeriesResponse
    {
        public string? Message => "success";

        public IReadOnlyList<IDailyDataPoint>? Data => Array.Empty<IDailyDataPoint>();

        public IReadOnlyList<CampaignAnalytics.Serialization.RawJsonProperty> UnknownFields => Array.Empty<CampaignAnalytics.Serialization.RawJsonProperty>();
    }
}
