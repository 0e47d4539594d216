using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The library's own view of the test files, to check the tool's numbers against.</summary>
public static class Library
{
    private static readonly Regex PlainDecimal = new(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);

    public static CampaignDataSeriesCatalogue Cat => CampaignDataSeriesCatalogue.Instance;

    public static CampaignDataSeriesResponse Load(string name) => Cat.ParseResponse(File.ReadAllBytes(CliRunner.Data(name)));

    public static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long L(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>
    /// A CSV number cell holds exactly this value: empty for null, else a plain decimal (digits, an optional sign and
    /// point, no exponent) that parses back to the same double. Checked by parsing, not by formatting the way the tool does.
    /// </summary>
    public static void AssertNumber(double? expected, string cell, string what = "cell")
    {
        if (expected is not { } value)
        {
            Assert.True(cell.Length == 0, $"{what}: expected an empty cell, got '{cell}'.");
            return;
        }

        Assert.True(PlainDecimal.IsMatch(cell), $"{what}: '{cell}' is not a plain decimal.");
        Assert.True(D(cell) == value, $"{what}: '{cell}' parses to {D(cell):R}, expected {value:R}.");
    }

    /// <summary>Whether a cell is a plain decimal (no exponent, invariant).</summary>
    public static bool IsPlainDecimal(string cell) => PlainDecimal.IsMatch(cell);
}
