using System;
using System.Net.Http;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;

namespace CampaignAnalytics.Tests.Api;

/// <summary>A fake server, a client pointed at it with fast timers, and a capturing logger.</summary>
public sealed class Harness : IDisposable
{
    public const string ApiKey = "sk-TEST-7f3c9a1e-SECRET-KEY-do-not-leak";

    public Harness(Func<DataSeriesClientOptions, DataSeriesClientOptions>? configure = null, double timeScale = 0.02, IProgress<FetchWait>? waits = null)
    {
        Server = new FakeBrazeServer();
        Time = new ScaledTimeProvider(timeScale);
        Logs = new CapturingLoggerProvider();
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(Server.BaseUri), ApiKey)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(2),

            // Timers run 50x faster here: 5 min becomes 6 s, so a busy machine does not time out normal requests.
            AttemptTimeout = TimeSpan.FromMinutes(5),
        };
        Options = configure is null ? options : configure(options);
        Client = DataSeriesClient.Create(Options, Logs, Time, waits: waits);
    }

    public FakeBrazeServer Server { get; }

    public ScaledTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public DataSeriesClientOptions Options { get; }

    public DataSeriesClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
