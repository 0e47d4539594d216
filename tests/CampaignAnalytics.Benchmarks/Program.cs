using System;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace CampaignAnalytics.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--ratios")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], NumberStyles.None, CultureInfo.InvariantCulture) : 8;
            RatioProbe.Run(Console.Out, rounds);
            return;
        }

        if (args.Length > 0 && args[0] == "--portfolio")
        {
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
            PortfolioProbe.RunAsync(Console.Out, Arg(1, 500), Arg(2, 365), TimeSpan.FromMilliseconds(Arg(3, 50))).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
