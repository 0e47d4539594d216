using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Statistics;
using Xunit.Abstractions;

namespace CampaignAnalytics.Tests.Statistics;

/// <summary>
/// Seeded simulations of campaigns read every day: the sequential test keeps its false-positive rate over 60 looks,
/// the naive daily z-test does not (the figures are quoted in the README's "Decisions worth knowing").
/// </summary>
public class SequentialSimulationTests(ITestOutputHelper output)
{
    private const int Campaigns = 2000;
    private const int Days = 60;
    private const int DailyTrialsPerArm = 1000;
    private const double ControlRate = 0.05;
    private const double Alpha = 0.05;

    [Fact]
    public void LookingEveryDayTheSequentialTestKeepsAlphaAndTheNaiveTestDoesNot()
    {
        var (sequential, naive, _) = Simulate(seed: 20240617, lift: 0.0);
        double sequentialRate = sequential.Count(d => d is not null) / (double)Campaigns;
        double naiveRate = naive.Count(d => d is not null) / (double)Campaigns;
        output.WriteLine($"A/A, {Campaigns} campaigns x {Days} days: sequential ever significant {sequentialRate:P2}, naive daily z-test {naiveRate:P2}");

        // Monte-Carlo slack: 3 standard errors of a rate of α over 2,000 campaigns (about 1.5 points).
        double slack = 3 * Math.Sqrt(Alpha * (1 - Alpha) / Campaigns);
        Assert.True(sequentialRate <= Alpha + slack, $"sequential false-positive rate {sequentialRate} exceeds {Alpha} + {slack}");
        Assert.True(naiveRate > Alpha + slack, $"naive false-positive rate {naiveRate} does not exceed {Alpha} + {slack}");
    }

    [Fact]
    public void WithATrueLiftTheSequentialTestDetectsItAndSaysWhen()
    {
        var (sequential, naive, fixedEnd) = Simulate(seed: 7, lift: 0.10, campaigns: 500);
        var days = sequential.Where(d => d is not null).Select(d => d!.Value).OrderBy(d => d).ToArray();
        double detected = days.Length / 500.0;
        int median = days.Length == 0 ? -1 : days[days.Length / 2];
        output.WriteLine($"A/B +10 %, 500 campaigns: sequential detected {detected:P1} within {Days} days, median day {median}; fixed test at day {Days} significant {fixedEnd / 500.0:P1}");
        Assert.True(detected > 0.5, $"the sequential test detected only {detected} of true lifts");
        Assert.InRange(median, 10, Days);
    }

    /// <summary>For each campaign, the first day (1-based) each test is significant, or null.</summary>
    private static (int?[] Sequential, int?[] Naive, int FixedEnd) Simulate(int seed, double lift, int campaigns = Campaigns)
    {
        var random = new Random(seed);
        var sequential = new int?[campaigns];
        var naive = new int?[campaigns];
        int fixedEnd = 0;
        double variantRate = ControlRate * (1 + lift);
        for (int c = 0; c < campaigns; c++)
        {
            long controlSuccesses = 0, variantSuccesses = 0, trials = 0;
            ZTestResult? last = null;
            for (int day = 1; day <= Days; day++)
            {
                trials += DailyTrialsPerArm;
                controlSuccesses += Binomial(random, DailyTrialsPerArm, ControlRate);
                variantSuccesses += Binomial(random, DailyTrialsPerArm, variantRate);
                var variant = new Proportion(variantSuccesses, trials);
                var control = new Proportion(controlSuccesses, trials);
                if (sequential[c] is null && SequentialTest.Difference(variant, control).PValue <= Alpha)
                {
                    sequential[c] = day;
                }

                last = ZTest.TwoProportions(variant, control);
                if (naive[c] is null && last.PValue <= Alpha)
                {
                    naive[c] = day;
                }
            }

            fixedEnd += last!.PValue <= Alpha ? 1 : 0;
        }

        return (sequential, naive, fixedEnd);
    }

    /// <summary>A binomial draw by inversion (exact; about n p steps).</summary>
    private static long Binomial(Random random, int n, double p)
    {
        double u = random.NextDouble();
        double pk = Math.Pow(1 - p, n);
        double cdf = pk;
        int k = 0;
        while (u > cdf && k < n)
        {
            pk *= (n - k) / (k + 1.0) * (p / (1 - p));
            k++;
            cdf += pk;
        }

        return k;
    }
}
