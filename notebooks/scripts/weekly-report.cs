// Weekly report of a campaign, as a .NET 10 file-based app: every channel's conversion rate per variation per ISO
// week, and the email variations against the control group. Usage (after packing, see notebooks/README.md):
//   dotnet run weekly-report.cs [-- response.json]      (default: ../data/spring-sale.json)
// The package comes from ../../artifacts/packages, which ../NuGet.config makes a package source.
#:package CampaignAnalytics@0.1.0

using System.Globalization;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;

var scriptDirectory = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
var path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "spring-sale.json");
var catalogue = CampaignDataSeriesCatalogue.Instance;
var response = CampaignDataSeriesResponse.Parse(File.ReadAllBytes(path));
var data = CampaignDataSet.Create(catalogue, Path.GetFileNameWithoutExtension(path), response);
var days = response.Data!;

Console.WriteLine($"Weekly report of {Path.GetFileName(path)}: {days.Count} days, {Iso(days[0].Time)} to {Iso(days[^1].Time)}");
foreach (var week in CampaignRates.CommonRates(data, new RateGrouping(Period: RatePeriod.IsoWeek)).GroupBy(r => r.PeriodStart))
{
    Console.WriteLine();
    Console.WriteLine($"Week of {Iso(week.Key)}");
    foreach (var r in week.OrderBy(r => r.Channel, StringComparer.Ordinal).ThenBy(r => r.VariationName, StringComparer.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Channel,-16} {r.VariationName,-26} {r.Numerator,8:N0} of {r.Denominator,9:N0}  {Percent(r.Value)}"));
    }
}

var comparison = ChannelComparison.Compare(catalogue, response, "email");
Console.WriteLine();
Console.WriteLine("Email conversion rate against the control group (Holm-adjusted p-values):");
foreach (var r in comparison.Result.Rows)
{
    var p = r.AdjustedPValue is { } v ? v.ToString("0.####E+0", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine($"  {r.VariationName,-26} {Percent(r.Rate)}  p={p}{(r.IsControl ? "  (control)" : string.Empty)}");
}

static string Iso(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

static string Percent(double? value) => value is { } v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-";
