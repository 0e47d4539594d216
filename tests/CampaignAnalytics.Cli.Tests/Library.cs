using System.Globalization;
using System.IO;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The library's own view of the test files, to check the tool's numbers against.</summary>
public static class Library
{
    public static ChannelCatalogue Cat => CampaignDataSeriesCatalogue.Instance;

    public static IDataSeriesResponse Load(string name) => Cat.ParseResponse(File.ReadAllBytes(CliRunner.Data(name)));

    public static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long L(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>Round-trip text of a double, as the tool writes it.</summary>
    public static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
