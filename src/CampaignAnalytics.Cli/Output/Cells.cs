using System;
using System.Globalization;
using CampaignAnalytics.Cli.Infrastructure;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>Invariant text of a cell: dates yyyy-MM-dd, doubles with round-trip precision ("R"), null as empty.</summary>
internal static class Cells
{
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        LocalDate d => Dates.Format(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => throw new ArgumentException("Unsupported cell type " + value.GetType().Name + ".", nameof(value)),
    };

    /// <summary>A shorter text for people (terminal tables): doubles with up to 6 significant digits.</summary>
    public static string Display(object? value) => value switch
    {
        double x => x.ToString("G6", CultureInfo.InvariantCulture),
        _ => Text(value),
    };
}
