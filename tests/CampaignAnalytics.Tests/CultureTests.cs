using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Api;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Store;
using CampaignAnalytics.Windows;
using NodaTime;

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

    private static readonly LocalDate March1 = new(2025, 3, 1);

    private static readonly DateInterval March = new(March1, new LocalDate(2025, 3, 31));

    /// <summary>
    /// The records analysts print: each is built and printed under the invariant culture and then under de-DE
    /// (decimal comma, "Samstag, 1. März 2025"), tr-TR and ar-SA (Umm al-Qura calendar, a bidi mark in the minus
    /// sign); the text must be identical and hold ISO dates and "." decimals.
    /// </summary>
    public static IEnumerable<object[]> PrintedRecords() => Printed.Keys.Select(k => new object[] { k });

    private static readonly Dictionary<string, (Func<object> Build, string[] Expected)> Printed = new()
    {
        ["VariationDay"] = (() => FirstElement(DataSet()), new[] { "VariationDay { CampaignId = c, Date = 2025-", "IsControl = " }),
        ["CampaignDay"] = (() => DataSet().Days.First(), new[] { "CampaignDay { CampaignId = c, Date = 2025-" }),
        ["RollingPoint"] = (() => new RollingPoint<double>(new LocalDate(2025, 3, 7), new DateInterval(March1, new LocalDate(2025, 3, 7)), 1234.5, 6), new[] { "Date = 2025-03-07", "Window = 2025-03-01..2025-03-07", "Sum = 1234.5", "MissingDays = 1" }),
        ["StoreCoverage"] = (
            () => new StoreCoverage("c", March1, new LocalDate(2025, 3, 31), 30, new[] { new DateInterval(March1, new LocalDate(2025, 3, 9)), new DateInterval(new LocalDate(2025, 3, 11), new LocalDate(2025, 3, 31)) }, new[] { new DateInterval(new LocalDate(2025, 3, 10), new LocalDate(2025, 3, 10)) }),
            new[] { "FirstDate = 2025-03-01", "StoredRanges = [2025-03-01..2025-03-09, 2025-03-11..2025-03-31]", "Gaps = [2025-03-10..2025-03-10]" }),
        ["SyncResult"] = (() => new SyncResult("c", new[] { March, new DateInterval(new LocalDate(2025, 4, 1), new LocalDate(2025, 4, 2)) }, 31, 2, 0, 1), new[] { "FetchedIntervals = [2025-03-01..2025-03-31, 2025-04-01..2025-04-02]", "DaysFetched = 33" }),
        ["ComparisonRow"] = (() => Comparison().Rows[1], new[] { "Rate = 0.1", "RelativeLift = -0.", "PValue = 0." }),
        ["ComparisonResult"] = (() => Comparison(), new[] { "Rows = [ComparisonRow { VariationKey = a", "Rate = 0.125", "ChiSquare = ChiSquareResult { Statistic = ", "Expected = [1000, 1000]" }),
        ["ZTestResult"] = (() => ZTest.TwoProportions(new Proportion(125, 1000), new Proportion(100, 1000)), new[] { "Difference = 0.02", "Confidence = 0." }),
        ["ChiSquareResult"] = (() => new ChiSquareResult(3.25, 1, 0.0715), new[] { "Statistic = 3.25", "PValue = 0.0715" }),
        ["GoodnessOfFitResult"] = (() => SampleRatioMismatch.Test(new long[] { 1010, 990 }, new[] { 0.5, 0.5 }), new[] { "Statistic = 0.2", "Observed = [1010, 990]", "Expected = [1000, 1000]" }),
        ["ConfidenceInterval"] = (() => new ConfidenceInterval(-0.0125, 0.25), new[] { "[-0.0125, 0.25]" }),
        ["ComparisonOptions"] = (() => new ComparisonOptions { ConfidenceLevel = 0.9, IntendedWeights = new[] { 0.25, 0.75 } }, new[] { "ConfidenceLevel = 0.9", "IntendedWeights = [0.25, 0.75]" }),
        ["MetricChange"] = (() => PeriodResult().Metrics[0], new[] { "Current = 11.5", "Previous = 23", "Change = -11.5", "RelativeChange = -0.5" }),
        ["RateChange"] = (() => PeriodResult().Rates[0], new[] { "Current = 0.5", "ChangeInPoints = 37.5", "PreviousNumerator = 2.5" }),
        ["PeriodComparison"] = (() => PeriodResult(), new[] { "Windows = 2025-03-08..2025-03-14 vs 2025-03-01..2025-03-07", "Metrics = [MetricChange { Name = revenue, Current = 11.5" }),
        ["Bucket"] = (() => new Bucket<double?>(March, new DateInterval(March1, new LocalDate(2025, 3, 2)), new[] { March1, new LocalDate(2025, 3, 2) }, 1.5), new[] { "Interval = 2025-03-01..2025-03-31", "DataDays = [2025-03-01, 2025-03-02]", "Value = 1.5" }),
        ["DailyValue"] = (() => new DailyValue<double>(March1, -1234.5), new[] { "2025-03-01: -1234.5" }),
        ["RateChangeRow"] = (
            () => new RateChangeRow("c", "email", "v1", "A", "UniqueClickRate", PeriodOverPeriod.LastFullWeeks(new LocalDate(2025, 3, 16)), Rate(0.125), Rate(0.25)),
            new[] { "Windows = 2025-03-10..2025-03-16 vs 2025-03-03..2025-03-09", "Current = RateRow { Period = 2025-03-01..2025-03-07", "RelativeChange = -0.5" }),
        ["DataSeriesChunk"] = (() => new DataSeriesChunk(March, new OffsetDateTime(new LocalDateTime(2025, 4, 1, 0, 0), Offset.FromHours(2))), new[] { "Days = 2025-03-01..2025-03-31", "EndingAt = 2025-04-01T00:00:00+02", "Length = 31" }),
        ["FetchProgress"] = (() => new FetchProgress(1, 3, "c", March), new[] { "FetchProgress { RequestsDone = 1, RequestsTotal = 3, CampaignId = c, Chunk = 2025-03-01..2025-03-31 }" }),
        ["RateRow"] = (() => Rate(0.125), new[] { "Period = 2025-03-01..2025-03-07", "Numerator = 12.5", "Value = 0.125" }),
        ["PeriodCoverage"] = (() => new PeriodCoverage(March, 28), new[] { "PeriodCoverage { Period = 2025-03-01..2025-03-31, DaysPresent = 28, DaysMissing = 3 }" }),
        ["ComparisonArm"] = (() => new ComparisonArm("a", "a", "A", false) { Days = 12, CarriedRates = new[] { "ConversionRate" } }, new[] { "Days = 12", "CarriedRates = [ConversionRate]" }),
    };

    [Theory]
    [MemberData(nameof(PrintedRecords))]
    public void Printed_records_read_the_same_in_every_culture(string type)
    {
        var (build, expected) = Printed[type];
        var invariant = InCulture(CultureInfo.InvariantCulture, () => build().ToString()!);
        foreach (var culture in new[] { "de-DE", "tr-TR", "ar-SA" })
        {
            Assert.Equal(invariant, InCulture(CultureInfo.GetCultureInfo(culture), () => build().ToString()));
        }

        foreach (var text in expected)
        {
            Assert.Contains(text, invariant, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("System.", invariant, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_print_through_the_compilers_ToString_and_their_PrintMembers_only()
    {
        // One mechanism for the library's records and the generated models: PrintMembers hands the members to
        // RecordText and the compiler's ToString adds "Name { ... }". Only texts that are not record-style write their own.
        var ownText = new HashSet<Type> { typeof(ComparisonWindows), typeof(DailyValue<>), typeof(ConfidenceInterval), typeof(RawJsonProperty), typeof(ReportZone), typeof(BrazeInstance), typeof(CampaignAnalytics.Schemas.SchemaDiagnostic), typeof(CampaignAnalytics.Comparison.Verdict) };
        var records = typeof(RecordText).Assembly.GetTypes().Where(t => t.IsClass && t.GetMethod("<Clone>$") is not null).ToList();
        Assert.Contains(typeof(RateRow), records);
        Assert.Contains(typeof(EmailVariation), records);
        var handWritten = records
            .Where(t => !ownText.Contains(t))
            .Where(t => !t.GetMethod(nameof(ToString), Type.EmptyTypes)!.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            .Select(t => t.Name)
            .ToList();
        Assert.True(handWritten.Count == 0, "Records with a ToString of their own: " + string.Join(", ", handWritten));
        Assert.All(new[] { typeof(RateRow), typeof(SyncResult), typeof(EmailVariation), typeof(CampaignDataSeriesResponse) }, t =>
            Assert.NotNull(t.GetMethod("PrintMembers", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)));
    }

    private static CampaignDataSet DataSet() =>
        CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, "c", CampaignDataSeriesResponse.Parse(TestPaths.PayloadBytes("multichannel-real.json")));

    private static ComparisonResult Comparison() =>
        VariationComparison.Compare(new[] { new ArmCounts("a", "Control Group", 1000, 125), new ArmCounts("b", "B", 1000, 100) });

    private static PeriodComparison PeriodResult()
    {
        // Previous week: 23 revenue, 2.5 / 20 clicks on its first day; current week: 11.5 revenue, 5 / 10 clicks.
        var days = new[]
        {
            new DailyValue<PeriodDay>(March1, new PeriodDay(23, 2.5, 20)),
            new DailyValue<PeriodDay>(March1.PlusDays(1), new PeriodDay(null, 0, 0)),
            new DailyValue<PeriodDay>(March1.PlusDays(7), new PeriodDay(11.5, 5, 10)),
        };
        var windows = new ComparisonWindows(new DateInterval(new LocalDate(2025, 3, 8), new LocalDate(2025, 3, 14)), new DateInterval(March1, new LocalDate(2025, 3, 7)));
        return DailySeries.Of(days).Compare(
            windows,
            new[] { new WindowMetric<PeriodDay>("revenue", d => d.Revenue) },
            new[] { new WindowRate<PeriodDay>("click_rate", d => d.Clicks, d => d.Sent) });
    }

    private static VariationDay FirstElement(CampaignDataSet data) =>
        data.Catalogue.Channels.Select(c => data.ElementsOf(c)).First(e => e.Count > 0)[0];

    private sealed record PeriodDay(double? Revenue, double? Clicks, double? Sent);

    private static RateRow Rate(double value) =>
        new(March1, new LocalDate(2025, 3, 7), "c", "email", "v1", "A", "UniqueClickRate", 12.5, 100, value);

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
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

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Generated_models_print_the_same_in_every_culture(string culture)
    {
        var response = CampaignDataSeriesResponse.Parse(TestPaths.PayloadBytes("multichannel-real.json"));
        var day = response.Data![0];
        var push = day.Messages!.IosPush![0];
        string[] Print() => new[] { response.ToString(), day.ToString(), push.ToString(), day.Messages.Email![0].ToString() };
        var invariant = Print();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invariant, Print());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Contains("Time = 2025-06-19", invariant[1], StringComparison.Ordinal);
        Assert.Contains("Revenue = 1234.5", invariant[1], StringComparison.Ordinal);
        Assert.Contains("Data = [2 items]", invariant[0], StringComparison.Ordinal);
        Assert.Contains("NotificationButtonClicks = { notif_button_1_Buy_click: 8 }", invariant[2], StringComparison.Ordinal);
        Assert.StartsWith("EmailVariation { VariationApiId = 8a4b-email-a", invariant[3], StringComparison.Ordinal);
    }
}
