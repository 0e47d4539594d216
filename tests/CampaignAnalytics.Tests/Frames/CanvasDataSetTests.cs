using System;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Frames;

/// <summary>The Canvas data set on the realistic endpoint fixtures: three grains, variants reaching steps, step channels through the campaign catalogue, the A/B test.</summary>
public class CanvasDataSetTests
{
    private static CanvasDataSet Fixture(bool withDetails = true)
    {
        var series = CanvasDataSeriesResponse.Parse(TestPaths.PayloadBytes("Endpoints/canvas-data-series.json")).Data!;
        var details = CanvasDetailsResponse.Parse(TestPaths.PayloadBytes("Endpoints/canvas-details.json"));
        return CanvasDataSet.Create(new CanvasDays("cv-1", series.Name, series.Stats!), withDetails ? details : null);
    }

    [Fact]
    public void Three_grains_total_variant_and_step_with_names_and_the_variant_reaching_each_step()
    {
        var data = Fixture();

        Assert.Equal(2, data.Totals.Count);
        Assert.Equal(new[] { "var-1", "var-2", "var-control" }, data.Variants.Select(v => v.VariantId));
        Assert.Equal(new[] { "Welcome email", "Nudge push", "Tips in-app" }, data.Steps.Select(s => s.StepName));
        // step-welcome is reached by Variant 1 only; the split's branches are shared by both variants.
        Assert.Equal("var-1", data.StepOf("step-welcome")!.VariantId);
        Assert.Equal("Variant 1", data.StepOf("step-welcome")!.VariantName);
        Assert.Null(data.StepOf("step-push")!.VariantId);
        Assert.Null(Fixture(withDetails: false).StepOf("step-welcome")!.VariantId);
    }

    [Fact]
    public void Step_channels_are_a_campaign_data_set_whose_catalogue_rates_apply()
    {
        var data = Fixture();
        var email = CampaignDataSeriesCatalogue.EmailChannel;
        var row = data.StepChannels.ElementsOf(email).Single();
        Assert.Equal("step-welcome", row.CampaignId);
        Assert.Equal(250.0 / 535, email.Rates.Single(r => r.Name == "UniqueOpenRate").Evaluate(row.Element));
        Assert.Equal(new[] { "email", "ios_push", "in_app_message" }, data.StepChannels.ChannelsPresent.Select(c => c.Key).OrderBy(k => k == "email" ? 0 : k == "ios_push" ? 1 : 2));
        Assert.Equal("line", data.StepChannels.UnknownChannels.Single().ChannelKey);
    }

    [Fact]
    public void Long_and_wide_frames_carry_the_canvas_columns_first()
    {
        var data = Fixture();

        var totals = data.ToTotalsLongFrame();
        Assert.Equal(new[] { "canvas_id", "canvas_name", "date", "metric", "value" }, totals.Columns.Select(c => c.Name));
        Assert.Equal(8, totals.Rows.Count); // 4 metrics on the first day, 4 on the second
        var variants = data.ToVariantsWideFrame();
        Assert.Equal(new[] { "canvas_id", "canvas_name", "date", "variant_id", "variant_name", "revenue", "conversions", "conversions_by_entry_time", "entries", "ConversionRate" }, variants.Columns.Select(c => c.Name));
        Assert.Equal(24.0 / 540, (double)variants["ConversionRate"][0]!);
        var steps = data.ToStepsLongFrame();
        Assert.Equal(new[] { "canvas_id", "canvas_name", "step_id", "step_name", "variant_id", "variant_name", "date", "channel", "variation_api_id", "variation_name", "metric", "value" }, steps.Columns.Select(c => c.Name));
        Assert.Equal("Onboarding journey", steps["canvas_name"][0]);
        Assert.Equal("Welcome email", steps["step_name"][0]);
        var wide = data.ToStepWideFrame(CampaignDataSeriesCatalogue.EmailChannel);
        Assert.Equal("step-welcome", wide["step_id"][0]);
        Assert.Equal(535L, wide["delivered"][0]);
    }

    [Fact]
    public void The_ab_test_compares_every_variant_with_the_control_on_conversions_per_entry()
    {
        var data = Fixture();

        var result = data.CompareVariants("cv-1");
        Assert.Equal("var-control", result.Rows[result.ControlIndex!.Value].VariationKey);
        Assert.Equal(new[] { "var-1", "var-2", "var-control" }, result.Rows.Select(r => r.VariationKey));
        Assert.Equal(24, result.Rows[0].Successes);
        Assert.Equal(540, result.Rows[0].Trials);

        var against = data.CompareVariants("cv-1", control: "Variant 2");
        Assert.Equal("var-2", against.Rows[against.ControlIndex!.Value].VariationKey);
        Assert.Throws<CampaignDataException>(() => data.CompareVariants("cv-1", control: "Nope"));
        Assert.Throws<CampaignDataException>(() => data.CompareVariants("cv-1", window: new DateInterval(new LocalDate(2026, 10, 2), new LocalDate(2026, 10, 2))));
    }
}
