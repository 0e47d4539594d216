using System;
using System.IO;
using ScottPlot;

namespace CampaignAnalytics.Charts;

/// <summary>Renders plots to PNG, offline (SkiaSharp through ScottPlot; no browser, no network).</summary>
public static class PlotImages
{
    /// <summary>The PNG image of a plot.</summary>
    /// <param name="plot">The plot. Invalid: null.</param>
    /// <param name="size">The size; null for <see cref="ChartSize.Default"/>.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] ToPng(this Plot plot, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var s = size ?? ChartSize.Default;
        return plot.GetImageBytes(s.Width, s.Height, ImageFormat.Png);
    }

    /// <summary>
    /// The plot as an HTML <c>img</c> element with the PNG inline (a data URI), for notebooks and HTML reports:
    /// in a Polyglot notebook, <c>display(HTML(plot.ToHtmlImage()))</c>.
    /// </summary>
    /// <param name="plot">The plot. Invalid: null.</param>
    /// <param name="size">The size; null for <see cref="ChartSize.Default"/>.</param>
    public static string ToHtmlImage(this Plot plot, ChartSize? size = null)
    {
        var s = size ?? ChartSize.Default;
        return FormattableString.Invariant($"<img width=\"{s.Width}\" height=\"{s.Height}\" src=\"data:image/png;base64,{Convert.ToBase64String(plot.ToPng(s))}\" />");
    }

    /// <summary>Writes the PNG image of a plot to a file (created or overwritten).</summary>
    /// <param name="plot">The plot. Invalid: null.</param>
    /// <param name="path">The file path; its folder must exist.</param>
    /// <param name="size">The size; null for <see cref="ChartSize.Default"/>.</param>
    public static void SavePng(this Plot plot, string path, ChartSize? size = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, plot.ToPng(size));
    }
}
