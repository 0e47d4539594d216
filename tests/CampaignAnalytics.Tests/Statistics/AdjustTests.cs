using System;
using System.Collections.Generic;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class AdjustTests
{
    private static readonly double[] Raw = { 0.01, 0.04, 0.03, 0.20 };

    private static void AllClose(IReadOnlyList<double> expected, IReadOnlyList<double?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Approx.Equal(expected[i], actual[i]);
        }
    }

    private static IReadOnlyList<double?> Lift(IReadOnlyList<double> values)
    {
        var result = new double?[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    [Fact]
    public void HolmMatchesStatsmodels() => AllClose(new[] { 0.04, 0.09, 0.09, 0.2 }, Lift(Adjust.Holm(Raw)));

    [Fact]
    public void BonferroniMatchesStatsmodels() => AllClose(new[] { 0.04, 0.16, 0.12, 0.8 }, Lift(Adjust.Bonferroni(Raw)));

    [Fact]
    public void BenjaminiHochbergMatchesStatsmodels() =>
        AllClose(new[] { 0.04, 0.16 / 3, 0.16 / 3, 0.2 }, Lift(Adjust.BenjaminiHochberg(Raw)));

    [Fact]
    public void NullsStayInPlaceAndAreNotCounted()
    {
        var withNulls = new double?[] { null, 0.01, 0.04, null, 0.03, 0.20 };
        var holm = Adjust.Holm(withNulls);
        Assert.Null(holm[0]);
        Assert.Null(holm[3]);
        AllClose(new[] { 0.04, 0.09, 0.09, 0.2 }, new[] { holm[1], holm[2], holm[4], holm[5] });

        var bh = Adjust.BenjaminiHochberg(withNulls);
        AllClose(new[] { 0.04, 0.16 / 3, 0.16 / 3, 0.2 }, new[] { bh[1], bh[2], bh[4], bh[5] });

        var bonferroni = Adjust.Bonferroni(withNulls);
        Assert.Null(bonferroni[0]);
        Approx.Equal(0.8, bonferroni[5]);
    }

    [Fact]
    public void CappedAtOne()
    {
        var p = new[] { 0.5, 0.6, 0.9 };
        Assert.All(Adjust.Bonferroni(p), v => Assert.True(v <= 1.0));
        Assert.Equal(1.0, Adjust.Bonferroni(p)[2]);
        Assert.Equal(1.0, Adjust.Holm(p)[0]);
        Assert.Equal(0.9, Adjust.BenjaminiHochberg(p)[0]);
    }

    [Fact]
    public void TiesAndEmptyInput()
    {
        Assert.Equal(new[] { 0.04, 0.04 }, Adjust.Holm(new[] { 0.02, 0.02 }));
        Assert.Equal(new[] { 0.02, 0.02 }, Adjust.BenjaminiHochberg(new[] { 0.02, 0.02 }));
        Assert.Empty(Adjust.Holm(Array.Empty<double>()));
        Assert.Equal(new double?[] { null, null }, Adjust.BenjaminiHochberg(new double?[] { null, null }));
    }

    [Fact]
    public void InvalidPValuesThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Adjust.Holm(new[] { 0.1, 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Adjust.Bonferroni(new[] { -0.1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Adjust.BenjaminiHochberg(new double?[] { double.NaN }));
        Assert.Throws<ArgumentNullException>(() => Adjust.Holm((IReadOnlyList<double>)null!));
    }
}
