using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// Multiple-comparison adjustments of p-values (as statsmodels' <c>multipletests</c>), e.g. when several variants are
/// each compared with one control. Results keep the input order, are capped at 1 and are monotone in the raw p-values.
/// Null entries ("no value") stay null and are not counted as tests.
/// </summary>
public static class Adjust
{
    /// <summary>Holm's step-down adjustment (controls the family-wise error rate; uniformly better than Bonferroni).</summary>
    /// <param name="pValues">Raw p-values in [0, 1]; null entries are skipped.</param>
    /// <returns>Adjusted p-values in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double?> Holm(IReadOnlyList<double?> pValues) => Apply(pValues, Method.Holm);

    /// <summary>Holm's step-down adjustment (controls the family-wise error rate; uniformly better than Bonferroni).</summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    /// <returns>Adjusted p-values in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> pValues) => Apply(pValues, Method.Holm);

    /// <summary>Bonferroni's adjustment, min(1, p × m) with m the number of tests (controls the family-wise error rate).</summary>
    /// <param name="pValues">Raw p-values in [0, 1]; null entries are skipped.</param>
    /// <returns>Adjusted p-values in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double?> Bonferroni(IReadOnlyList<double?> pValues) => Apply(pValues, Method.Bonferroni);

    /// <summary>Bonferroni's adjustment, min(1, p × m) with m the number of tests (controls the family-wise error rate).</summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    /// <returns>Adjusted p-values in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double> Bonferroni(IReadOnlyList<double> pValues) => Apply(pValues, Method.Bonferroni);

    /// <summary>Benjamini–Hochberg step-up adjustment (controls the false discovery rate).</summary>
    /// <param name="pValues">Raw p-values in [0, 1]; null entries are skipped.</param>
    /// <returns>Adjusted p-values (q-values) in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double?> BenjaminiHochberg(IReadOnlyList<double?> pValues) => Apply(pValues, Method.BenjaminiHochberg);

    /// <summary>Benjamini–Hochberg step-up adjustment (controls the false discovery rate).</summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    /// <returns>Adjusted p-values (q-values) in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static IReadOnlyList<double> BenjaminiHochberg(IReadOnlyList<double> pValues) => Apply(pValues, Method.BenjaminiHochberg);

    /// <summary>Applies the adjustment <paramref name="adjustment"/> names (<see cref="PValueAdjustment.None"/> returns the p-values as given).</summary>
    /// <param name="pValues">Raw p-values in [0, 1]; null entries are skipped.</param>
    /// <param name="adjustment">Holm, Benjamini–Hochberg or none.</param>
    /// <returns>Adjusted p-values in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pValues"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1], or the adjustment is not defined.</exception>
    public static IReadOnlyList<double?> Apply(IReadOnlyList<double?> pValues, PValueAdjustment adjustment) => adjustment switch
    {
        PValueAdjustment.Holm => Holm(pValues),
        PValueAdjustment.BenjaminiHochberg => BenjaminiHochberg(pValues),
        PValueAdjustment.None => Apply(pValues, Method.None),
        _ => throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment, Guard.Format($"Unknown adjustment {(int)adjustment}.")),
    };

    private enum Method
    {
        Holm,
        Bonferroni,
        BenjaminiHochberg,
        None,
    }

    private static double[] Apply(IReadOnlyList<double> pValues, Method method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var values = new double[pValues.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Checked(pValues[i], i, nameof(pValues));
        }

        return AdjustDense(values, method);
    }

    private static double?[] Apply(IReadOnlyList<double?> pValues, Method method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var positions = new List<int>(pValues.Count);
        var values = new List<double>(pValues.Count);
        for (int i = 0; i < pValues.Count; i++)
        {
            if (pValues[i] is { } p)
            {
                positions.Add(i);
                values.Add(Checked(p, i, nameof(pValues)));
            }
        }

        var adjusted = AdjustDense(values.ToArray(), method);
        var result = new double?[pValues.Count];
        for (int j = 0; j < positions.Count; j++)
        {
            result[positions[j]] = adjusted[j];
        }

        return result;
    }

    private static double Checked(double p, int index, string parameterName)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, p,
                Guard.Format($"P-values must be in [0, 1]; item {index} is {p}."));
        }

        return p;
    }

    /// <summary>Adjusts p-values with no gaps; returns a new array in input order.</summary>
    private static double[] AdjustDense(double[] p, Method method)
    {
        int m = p.Length;
        var result = new double[m];
        if (m == 0)
        {
            return result;
        }

        if (method == Method.None)
        {
            Array.Copy(p, result, m);
            return result;
        }

        if (method == Method.Bonferroni)
        {
            for (int i = 0; i < m; i++)
            {
                result[i] = Math.Min(1.0, p[i] * m);
            }

            return result;
        }

        // Stable ascending order of the raw p-values.
        var order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => p[a] != p[b] ? p[a].CompareTo(p[b]) : a.CompareTo(b));

        if (method == Method.Holm)
        {
            // Step down: running maximum of (m − rank) × p over ascending p.
            double running = 0;
            for (int rank = 0; rank < m; rank++)
            {
                running = Math.Max(running, (m - rank) * p[order[rank]]);
                result[order[rank]] = Math.Min(1.0, running);
            }
        }
        else
        {
            // Step up: running minimum of p / ((rank + 1) / m) from the largest p down (statsmodels' order of operations).
            double running = double.PositiveInfinity;
            for (int rank = m - 1; rank >= 0; rank--)
            {
                running = Math.Min(running, p[order[rank]] / ((rank + 1.0) / m));
                result[order[rank]] = Math.Min(1.0, running);
            }
        }

        return result;
    }
}

/// <summary>How the p-values of several variations against one control are adjusted for multiple comparisons.</summary>
public enum PValueAdjustment
{
    /// <summary>Holm's step-down adjustment: controls the family-wise error rate (the default).</summary>
    Holm = 0,

    /// <summary>Benjamini–Hochberg's step-up adjustment: controls the false discovery rate (more power, weaker promise).</summary>
    BenjaminiHochberg = 1,

    /// <summary>No adjustment: each variation's p-value as it is.</summary>
    None = 2,
}
