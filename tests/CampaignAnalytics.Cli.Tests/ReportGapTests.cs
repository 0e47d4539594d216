using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NodaTime;

namespace CampaignAnalytics.Cli.Tests;

/// <summary><c>report --by week|month</c> says when a period's row covers fewer days than its label.</summary>
public sealed class ReportGapTests : IDisposable
{
    private const string Header = "period_start,period_end,campaign_id,channel,variation_api_id,variation_name,rate,numerator,denominator,value,days,partial";
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-gaps-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A response with one email variation on each of the given days.</summary>
    private string Days(string name, IEnumerable<LocalDate> days)
    {
        var json = new StringBuilder("{ \"message\": \"success\", \"data\": [");
        json.AppendJoin(",", days.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{{ \"time\": \"{d:yyyy-MM-dd}\", \"messages\": {{ \"email\": [ {{ \"variation_name\": \"Variant A\", \"variation_api_id\": \"var-a\", \"sent\": 100, \"delivered\": 98, \"unique_opens\": 30, \"unique_recipients\": 100, \"conversions\": 2 }} ] }} }}")));
        json.Append("] }");
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, json.ToString());
        return path;
    }

    private static IEnumerable<LocalDate> Span(LocalDate first, int count) => Enumerable.Range(0, count).Select(first.PlusDays);

    private static List<string> Notes(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("note:", result.Stdout, StringComparison.Ordinal);
        return result.Stderr.Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task Weeks_and_months_with_days_missing_inside_the_data_are_named_on_stderr()
    {
        // Monday 2026-03-02 to Wednesday 2026-03-11, with 2026-03-04..06 absent: the first week holds 4 of its 7 days.
        var monday = new LocalDate(2026, 3, 2);
        var file = Days("gappy", Span(monday, 10).Where(d => d.Day is < 4 or > 6));

        var week = await CliRunner.RunAsync("report", file, "--by", "week", "--format", "csv");
        var notes = Notes(week);
        Assert.True(notes.Count == 1, week.ToString());
        Assert.Equal("note: campaign gappy: 1 of 2 weeks has days missing inside the data (2026-03-02..2026-03-08: 4 of 7 days present); its rates cover only the days present.", notes[0]);

        // The week is labelled with its dates and says how many of its days it covers.
        var rows = Csv.Parse(week.Stdout);
        Assert.Equal(Header, string.Join(",", rows[0]));
        Assert.Equal(new[] { "2026-03-02", "2026-03-08" }, rows[1].Take(2));
        Assert.Equal(new[] { "4", "true" }, rows[1].Skip(10));

        // The month is the whole of March: 7 of its 31 days, 3 of them missing inside the data.
        var month = Notes(await CliRunner.RunAsync("report", file, "--by", "month"));
        Assert.Equal(new[] { "note: campaign gappy: 1 of 1 month has days missing inside the data (2026-03-01..2026-03-31: 7 of 31 days present); its rates cover only the days present." }, month);

        // Per day there is no row for an absent day, so nothing to say.
        Assert.Empty(Notes(await CliRunner.RunAsync("report", file, "--by", "day", "--format", "csv")));
    }

    [Fact]
    public async Task Complete_periods_and_data_starting_mid_week_get_no_note()
    {
        // Wednesday to the Sunday of the next week, no day absent: the first week is partial (its days and partial
        // columns say so), not a gap.
        var file = Days("complete", Span(new LocalDate(2026, 3, 4), 12));
        var json = await CliRunner.RunAsync("report", file, "--by", "week", "--format", "json");
        Assert.Empty(Notes(json));
        using (var doc = System.Text.Json.JsonDocument.Parse(json.Stdout))
        {
            var first = doc.RootElement[0];
            Assert.Equal("2026-03-02", first.GetProperty("period_start").GetString());
            Assert.Equal(5, first.GetProperty("days").GetInt32());
            Assert.True(first.GetProperty("partial").GetBoolean());
        }

        Assert.Empty(Notes(await CliRunner.RunAsync("report", CliRunner.Data("spring-sale.json"), "--by", "week", "--format", "csv")));
    }

    [Fact]
    public async Task The_note_lists_a_few_periods_then_counts_the_rest_and_names_each_campaign()
    {
        // Twelve weeks with every Wednesday absent, plus a complete campaign beside it.
        var monday = new LocalDate(2026, 1, 5);
        var gappy = Days("wednesdays", Span(monday, 84).Where(d => d.DayOfWeek != IsoDayOfWeek.Wednesday));
        var complete = Days("complete", Span(monday, 14));
        var notes = Notes(await CliRunner.RunAsync("report", gappy, complete, "--by", "week", "--format", "csv"));
        var note = Assert.Single(notes);
        Assert.StartsWith("note: campaign wednesdays: 12 of 12 weeks have days missing inside the data (2026-01-05..2026-01-11: 6 of 7 days present; 2026-01-12..2026-01-18: 6 of 7 days present; 2026-01-19..2026-01-25: 6 of 7 days present; and 9 more); their rates cover only the days present.", note, StringComparison.Ordinal);
        Assert.True(note.Length < 300, note);
    }
}
