using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

public class ServiceRegistrationTests
{
    [Fact]
    public async Task Client_from_the_http_client_factory_retries_and_logs_no_key()
    {
        using var server = new FakeBrazeServer();
        server.Handler = r => Task.FromResult(r.Number == 1 ? new FakeResponse(502, "bad gateway") : FakeBrazeServer.Emulate(r));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(new ScaledTimeProvider());
        services.AddCampaignAnalyticsClient(new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Harness.ApiKey)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            AttemptTimeout = TimeSpan.FromMinutes(5),
        });

        await using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<IDataSeriesSource<CampaignAnalytics.Models.DailyDataPoint>>();
        var days = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 5, 1));
        var response = await source.FetchAsync("camp-di", days, CancellationToken.None);

        Assert.Equal(days.ToList(), response.Select(d => d.Time).ToList());
        Assert.True(server.Requests.Count == 3, string.Join(" | ", logs.Lines));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + Harness.ApiKey, r.Authorization));
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("502", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Harness.ApiKey, l, StringComparison.Ordinal));
    }
}
