using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Benchmarks;

namespace CampaignAnalytics.Benchmarks.Tests;

/// <summary>
/// The pandas comparison's parts that do not need pandas: the script is shipped beside the probe, the probe's arguments,
/// and the row-by-row comparison of the two outputs (which must see every kind of difference). The timed comparison
/// itself is the probe's (<c>--vs-pandas N D</c>), which checks agreement in the same run.
/// </summary>
public sealed class PandasProbeTests
{
    private const string Header = "period_start,period_end,campaign_id,channel,variation_api_id,variation_name,rate,numerator,denominator,value,days,partial";

    [Fact]
    public void The_script_and_the_schema_it_reads_are_beside_the_probe()
    {
        Assert.True(File.Exists(PandasProbe.Script), PandasProbe.Script);
        Assert.True(File.Exists(PandasProbe.Schema), PandasProbe.Schema);
        var text = File.ReadAllText(PandasProbe.Script);
        Assert.Contains("import pandas as pd", text, StringComparison.Ordinal);
        Assert.Contains("json.load(", text, StringComparison.Ordinal);
        Assert.Contains(".groupby(", text, StringComparison.Ordinal);
        Assert.Contains(".to_csv(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_arguments_are_n_d_and_options()
    {
        var plain = PandasOptions.Parse(new[] { "100", "365" });
        Assert.Equal(new PandasOptions(100, 365, PandasOptions.DefaultPython, null, null, PandasOptions.DefaultRssLimitMegabytes), plain);

        var all = PandasOptions.Parse(new[] { "10", "30", "--python", "/opt/py/bin/python", "--cli", "old/campaign-analytics.dll", "--work", "w", "--rss-limit-mb", "4000" });
        Assert.Equal(new PandasOptions(10, 30, "/opt/py/bin/python", "old/campaign-analytics.dll", "w", 4000), all);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("0 365")]
    [InlineData("100 -1")]
    [InlineData("100 365 --python")]
    [InlineData("100 365 --rss-limit-mb lots")]
    [InlineData("100 365 --scale 3")]
    public void Wrong_arguments_give_the_usage(string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var e = Assert.Throws<ArgumentException>(() => PandasOptions.Parse(args));
        Assert.StartsWith("usage: --vs-pandas N D", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_sees_every_kind_of_difference()
    {
        var dir = Directory.CreateTempSubdirectory("ca-pandas-").FullName;
        try
        {
            string Write(string name, params string[] rows)
            {
                var path = Path.Combine(dir, name);
                File.WriteAllLines(path, new[] { Header }.Concat(rows));
                return path;
            }

            const string a = "2024-01-01,2024-01-31,c1,email,v1,\"Subject, A\",ClickRate,10,100,0.1,31,false";
            const string b = "2024-01-01,2024-01-31,c1,email,v2,B,ClickRate,20,100,0.2,31,false";
            const string exceeded = "2024-02-01,2024-02-29,c1,email,v2,B,ClickRate,120,100,,29,false";
            var tool = Write("tool.csv", a, b, exceeded);

            // pandas writes sums as floats, no partial column, its own order and its own value where the tool leaves it empty.
            var same = PandasAgreement.Of(tool, Write("same.csv",
                "2024-02-01,2024-02-29,c1,email,v2,B,ClickRate,120.0,100.0,1.2,29",
                "2024-01-01,2024-01-31,c1,email,v2,B,ClickRate,20.0,100.0,0.2000000000000000001,31",
                "2024-01-01,2024-01-31,c1,email,v1,\"Subject, A\",ClickRate,10.0,100.0,0.1,31"));
            Assert.True(same.Agrees, same.First);
            Assert.Equal(3, same.Rows);

            var numerator = PandasAgreement.Of(tool, Write("n.csv", a.Replace(",10,", ",11,", StringComparison.Ordinal), b, exceeded));
            Assert.Equal((1, 0, 0), (numerator.Different, numerator.Missing, numerator.Extra));
            var days = PandasAgreement.Of(tool, Write("d.csv", a, b.Replace(",31,", ",30,", StringComparison.Ordinal), exceeded));
            Assert.Equal(1, days.Different);
            var value = PandasAgreement.Of(tool, Write("v.csv", a.Replace(",0.1,", ",0.1000001,", StringComparison.Ordinal), b, exceeded));
            Assert.Equal(1, value.Different);
            var missing = PandasAgreement.Of(tool, Write("m.csv", a, exceeded));
            Assert.Equal((0, 1, 0), (missing.Different, missing.Missing, missing.Extra));
            var extra = PandasAgreement.Of(tool, Write("e.csv", a, b, exceeded, b.Replace(",c1,", ",c2,", StringComparison.Ordinal)));
            Assert.Equal((0, 0, 1), (extra.Different, extra.Missing, extra.Extra));
            Assert.All(new[] { numerator, days, value, missing, extra }, r => Assert.False(r.Agrees));
            Assert.False(PandasAgreement.Of(Write("empty.csv"), Write("empty2.csv")).Agrees);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
