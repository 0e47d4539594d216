using System;

namespace CampaignAnalytics.SampleData;

/// <summary>
/// Seeded random draws that give the same numbers on every platform: only <see cref="Random"/>'s seeded
/// integer algorithm, additions, multiplications and <see cref="Math.Sqrt"/> (correctly rounded by IEEE 754),
/// never Log, Exp or Cos, whose last bits may differ between runtimes and CPUs.
/// </summary>
internal sealed class Draws
{
    private readonly Random _random;

    public Draws(int seed) => _random = new Random(seed);

    /// <summary>A uniform draw in [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>An approximately standard normal draw (Irwin–Hall: the sum of 12 uniforms minus 6).</summary>
    public double Normal()
    {
        double sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += _random.NextDouble();
        }

        return sum - 6;
    }

    /// <summary>A binomial draw: exact Bernoulli trials when the variance is small, else a rounded normal approximation clamped to [0, n].</summary>
    public long Binomial(long n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        var variance = n * p * (1 - p);
        if (variance < 25)
        {
            long k = 0;
            for (long i = 0; i < n; i++)
            {
                if (_random.NextDouble() < p)
                {
                    k++;
                }
            }

            return k;
        }

        var x = Math.Round(n * p + Math.Sqrt(variance) * Normal(), MidpointRounding.AwayFromZero);
        return (long)Math.Clamp(x, 0, n);
    }

    /// <summary>A value scaled by 1 + <paramref name="relativeNoise"/> × a normal draw, never below 0.</summary>
    public double Jitter(double value, double relativeNoise) => Math.Max(0, value * (1 + relativeNoise * Normal()));

    /// <summary>A UUID-looking identifier (lower-case hex, 8-4-4-4-12) such as Braze's variation API ids.</summary>
    public string ApiId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return hex[..8] + "-" + hex[8..12] + "-" + hex[12..16] + "-" + hex[16..20] + "-" + hex[20..];
    }
}
