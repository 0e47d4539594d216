using System;

namespace CampaignAnalytics.Charts;

/// <summary>The size of a rendered chart, in pixels.</summary>
public readonly record struct ChartSize
{
    /// <summary>Creates a size.</summary>
    /// <param name="width">The width in pixels, 1 to 10 000.</param>
    /// <param name="height">The height in pixels, 1 to 10 000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is outside 1 to 10 000.</exception>
    public ChartSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 10_000);
        Width = width;
        Height = height;
    }

    /// <summary>800 × 450 pixels, readable in a notebook cell.</summary>
    public static ChartSize Default { get; } = new(800, 450);

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }
}
